package dev.agentplan.console;

/** The console cannot start as configured (a users file, a port, a flag); the message says what to do. */
public final class ConsoleConfigException extends RuntimeException {

    public ConsoleConfigException(String message) {
        super(message);
    }
}
