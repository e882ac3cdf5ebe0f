package dev.agentplan.server;

/** The local server could not start (its port is taken, typically); the message is one line for the user. */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }
}
