package dev.agentplan.compile;

/** Stored or pinned canonical JSON that no longer reads as a plan; the message is one line naming it. */
public final class UnreadablePlanException extends RuntimeException {

    public UnreadablePlanException(String message) {
        super(message, null, false, false); // a user-facing message: no stack trace to fill or print
    }
}
