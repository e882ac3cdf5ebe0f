package dev.agentplan.runtime.tools;

import dev.agentplan.model.ResolvedToolPolicy;
import io.temporal.common.RetryOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Jittered retry delays. Temporal's server-side retries wait exactly initial × coefficient^(n-1)
 * (capped), so many runs failing together retry together; an activity may set the next delay
 * itself, and this computes it: the exponential delay moved by up to ±{@code percent} of itself.
 *
 * <p>Deterministic per call: the offset is drawn from a generator seeded by the call's idempotency
 * key and the attempt number, so a test (or an audit) can recompute exactly what was waited.
 */
public final class RetryJitter {

    private RetryJitter() {
    }

    /**
     * A tool's backoff and jitter, carried in the call's request (the activity cannot rely on the
     * server telling it the retry policy: Temporal's Java test server leaves the intervals out).
     */
    public record Backoff(Duration initialInterval, double coefficient, Duration maximumInterval, double percent) {

        /** The backoff of jittered retries, or null when the policy has no jitter. */
        public static Backoff of(RetryOptions options, Double percent) {
            if (percent == null || percent <= 0) {
                return null;
            }
            return new Backoff(options.getInitialInterval(), options.getBackoffCoefficient(),
                    options.getMaximumInterval(), percent);
        }

        public RetryOptions options() {
            RetryOptions.Builder b = RetryOptions.newBuilder();
            if (initialInterval != null) {
                b.setInitialInterval(initialInterval);
            }
            if (coefficient >= 1.0) {
                b.setBackoffCoefficient(coefficient);
            }
            if (maximumInterval != null) {
                b.setMaximumInterval(maximumInterval);
            }
            return b.build();
        }
    }

    /**
     * The un-jittered delay after the given (1-based) failed attempt, as Temporal's server computes
     * it: fields the options leave unset take the {@link ResolvedToolPolicy} defaults.
     */
    public static Duration baseDelay(RetryOptions options, int failedAttempt) {
        Duration initial = options != null && options.getInitialInterval() != null
                && !options.getInitialInterval().isZero() ? options.getInitialInterval() : ResolvedToolPolicy.DEFAULT_INITIAL_INTERVAL;
        double coefficient = options != null && options.getBackoffCoefficient() >= 1.0
                ? options.getBackoffCoefficient() : ResolvedToolPolicy.DEFAULT_BACKOFF_COEFFICIENT;
        Duration max = options != null && options.getMaximumInterval() != null
                && !options.getMaximumInterval().isZero()
                ? options.getMaximumInterval() : initial.multipliedBy(ResolvedToolPolicy.DEFAULT_MAX_INTERVAL_FACTOR);
        double millis = initial.toMillis() * Math.pow(coefficient, Math.max(0, failedAttempt - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
    }

    /**
     * The delay after {@code failedAttempt}: {@link #baseDelay} moved by a fraction in
     * [-percent, +percent] of itself, drawn from {@code seed} and the attempt.
     */
    public static Duration delay(RetryOptions options, int failedAttempt, double percent, String seed) {
        Duration base = baseDelay(options, failedAttempt);
        double share = Math.max(0, Math.min(100, percent)) / 100.0;
        double u = new SplittableRandom(seedOf(seed, failedAttempt)).nextDouble(); // [0, 1)
        double factor = 1.0 + share * (2 * u - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }

    /** FNV-1a over the key's UTF-8 bytes and the attempt: stable across JVMs and machines. */
    private static long seedOf(String seed, int attempt) {
        long h = 0xcbf29ce484222325L;
        byte[] bytes = (seed == null ? "" : seed).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (h ^ attempt) * 0x100000001b3L;
    }
}
