package dev.agentplan.validate.bounds;

import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolDefaults;
import dev.agentplan.model.ToolPolicy;
import java.time.Duration;

/**
 * The longest one call of a tool can take, from its effective policy and {@link ToolDefaults}:
 * every attempt runs to its timeout (after waiting up to {@code schedule_to_start} for a worker,
 * when set), with the longest retry delay between attempts (exponential backoff capped at the
 * maximum interval, stretched by the jitter); {@code schedule_to_close} caps the whole call.
 */
final class CallTime {

    private CallTime() {
    }

    static int attempts(ToolPolicy policy) {
        RetryPolicy r = policy.retry() == null ? RetryPolicy.EMPTY : policy.retry();
        return r.maxAttempts() == null ? ToolDefaults.MAX_ATTEMPTS : Math.max(1, r.maxAttempts());
    }

    static long millis(ToolPolicy policy) {
        RetryPolicy r = policy.retry() == null ? RetryPolicy.EMPTY : policy.retry();
        int attempts = attempts(policy);
        long attempt = ms(positive(policy.timeout()) ? policy.timeout() : ToolDefaults.TIMEOUT);
        if (positive(policy.scheduleToStart())) {
            attempt = Figure.saturatedAdd(attempt, ms(policy.scheduleToStart()));
        }
        long total = attempt > Figure.CAP / attempts ? Figure.CAP : attempt * attempts;
        Duration initial = positive(r.initialInterval()) ? r.initialInterval() : ToolDefaults.INITIAL_INTERVAL;
        double coefficient = r.backoffCoefficient() == null ? ToolDefaults.BACKOFF_COEFFICIENT
                : Math.max(1.0, r.backoffCoefficient());
        Duration max = positive(r.maxInterval())
                ? (r.maxInterval().compareTo(initial) < 0 ? initial : r.maxInterval())
                : initial.multipliedBy(ToolDefaults.MAX_INTERVAL_FACTOR);
        double stretch = 1.0 + Math.max(0, Math.min(100, r.jitterPercent() == null ? 0 : r.jitterPercent())) / 100.0;
        for (int failed = 1; failed < attempts; failed++) {
            double base = Math.min(ms(max), ms(initial) * Math.pow(coefficient, failed - 1));
            total = Figure.saturatedAdd(total, (long) Math.ceil(base * stretch));
        }
        if (positive(policy.scheduleToClose())) {
            total = Math.min(total, ms(policy.scheduleToClose()));
        }
        return total;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static long ms(Duration d) {
        try {
            return Math.min(d.toMillis(), Figure.CAP);
        } catch (ArithmeticException huge) {
            return Figure.CAP;
        }
    }
}
