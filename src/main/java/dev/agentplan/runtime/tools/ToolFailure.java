package dev.agentplan.runtime.tools;

import java.time.Duration;

/**
 * A failure with a type the plan can {@code catch} (for example {@code HttpError},
 * {@code Timeout}, {@code ExitCode}). Non-retryable failures are not retried whatever the policy.
 */
public class ToolFailure extends Exception {

    private final String type;
    private final boolean retryable;
    private final Duration retryAfter;
    private final Object details;

    public ToolFailure(String type, String message, boolean retryable, Duration retryAfter, Object details) {
        super(message);
        this.type = type;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.details = details;
    }

    public static ToolFailure retryable(String type, String message) {
        return new ToolFailure(type, message, true, null, null);
    }

    public static ToolFailure nonRetryable(String type, String message) {
        return new ToolFailure(type, message, false, null, null);
    }

    public String type() {
        return type;
    }

    public boolean retryable() {
        return retryable;
    }

    /** A server-requested delay before the next attempt (HTTP Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Extra data shown in the audit trail and given to {@code catch} (must be JSON-serialisable), or null. */
    public Object details() {
        return details;
    }
}
