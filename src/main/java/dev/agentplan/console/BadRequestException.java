package dev.agentplan.console;

/** A request the console refuses before anything is sent to a run (bad JSON, a payload of the wrong type). */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
