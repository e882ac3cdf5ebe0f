package dev.agentplan.server;

/** The connection settings themselves are wrong (a certificate file missing or unreadable); one line for the user. */
public final class ConnectionConfigException extends RuntimeException {

    public ConnectionConfigException(String message) {
        super(message);
    }
}
