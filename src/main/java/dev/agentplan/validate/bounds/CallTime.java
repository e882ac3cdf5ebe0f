package dev.agentplan.validate.bounds;

import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.ToolPolicy;
import java.time.Duration;

/**
 * The longest one call of a tool can take, from its {@link ResolvedToolPolicy}: every attempt
 * runs to its timeout (after waiting up to {@code schedule_to_start} for a worker, when set), with
 * the longest retry delay between attempts (exponential backoff capped at the maximum interval,
 * stretched by the jitter); {@code schedule_to_close} caps the whole call.
 */
final class CallTime {

    private CallTime() {
    }

    static long millis(ToolPolicy effective) {
        ResolvedToolPolicy policy = ResolvedToolPolicy.of(effective);
        int attempts = policy.maxAttempts();
        long attempt = ms(policy.timeout());
        if (policy.scheduleToStart() != null) {
            attempt = Figure.saturatedAdd(attempt, ms(policy.scheduleToStart()));
        }
        long total = attempt > Figure.CAP / attempts ? Figure.CAP : attempt * attempts;
        Duration initial = policy.initialInterval();
        Duration max = policy.maxInterval();
        double stretch = 1.0 + policy.jitterPercent() / 100.0;
        for (int failed = 1; failed < attempts; failed++) {
            double base = Math.min(ms(max), ms(initial) * Math.pow(policy.backoffCoefficient(), failed - 1));
            total = Figure.saturatedAdd(total, (long) Math.ceil(base * stretch));
        }
        if (policy.scheduleToClose() != null) {
            total = Math.min(total, ms(policy.scheduleToClose()));
        }
        return total;
    }

    private static long ms(Duration d) {
        try {
            return Math.min(d.toMillis(), Figure.CAP);
        } catch (ArithmeticException huge) {
            return Figure.CAP;
        }
    }
}
