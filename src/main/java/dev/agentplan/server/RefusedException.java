package dev.agentplan.server;

/** The run refused a request (an approval decision or cancellation its validator rejected); the message says why. */
public final class RefusedException extends RuntimeException {

    public RefusedException(String message) {
        super(message);
    }
}
