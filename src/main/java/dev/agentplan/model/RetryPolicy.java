package dev.agentplan.model;

import java.time.Duration;
import java.util.List;

/**
 * Retry policy of a tool; every field may be null, meaning "inherit from the tool defaults, then
 * from agentplan's built-in default". Retries are always bounded at run time.
 *
 * @param jitterPercent how far each retry delay may move either way, in percent of the delay
 *     ({@code jitter 20%} is 20); null inherits, and the built-in default is 0 (no jitter)
 */
public record RetryPolicy(
        Integer maxAttempts,
        Duration initialInterval,
        Double backoffCoefficient,
        Duration maxInterval,
        List<String> nonRetryable,
        Double jitterPercent) {

    public static final RetryPolicy EMPTY = new RetryPolicy(null, null, null, null, List.of(), null);

    public RetryPolicy {
        nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
    }

    /** A policy without jitter of its own. */
    public RetryPolicy(Integer maxAttempts, Duration initialInterval, Double backoffCoefficient, Duration maxInterval,
            List<String> nonRetryable) {
        this(maxAttempts, initialInterval, backoffCoefficient, maxInterval, nonRetryable, null);
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
                !nonRetryable.isEmpty() ? nonRetryable : fallback.nonRetryable,
                jitterPercent != null ? jitterPercent : fallback.jitterPercent);
    }
}
