package dev.agentplan.model;

import java.time.Duration;
import java.util.List;

/**
 * Retry policy of a tool; every field may be null, meaning "inherit from the tool defaults, then
 * from agentplan's built-in default". Retries are always bounded at run time.
 */
public record RetryPolicy(
        Integer maxAttempts,
        Duration initialInterval,
        Double backoffCoefficient,
        Duration maxInterval,
        List<String> nonRetryable) {

    public static final RetryPolicy EMPTY = new RetryPolicy(null, null, null, null, List.of());

    public RetryPolicy {
        nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
    }

    /** This policy with every null field taken from {@code fallback}. */
    public RetryPolicy orElse(RetryPolicy fallback) {
        if (fallback == null) {
            return this;
        }
        return new RetryPolicy(
                maxAttempts != null ? maxAttempts : fallback.maxAttempts,
                initialInterval != null ? initialInterval : fallback.initialInterval,
                backoffCoefficient != null ? backoffCoefficient : fallback.backoffCoefficient,
                maxInterval != null ? maxInterval : fallback.maxInterval,
                !nonRetryable.isEmpty() ? nonRetryable : fallback.nonRetryable);
    }
}
