package dev.agentplan.server;

/** A run with the requested id exists already (running or finished): run ids are never reused. */
public final class RunAlreadyExistsException extends RuntimeException {

    public RunAlreadyExistsException(String message) {
        super(message);
    }
}
