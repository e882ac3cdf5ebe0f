package dev.agentplan.server;

/** No run (workflow) with that id exists on the server, or the namespace does not exist. */
public final class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
