package dev.agentplan.runtime.tools;

import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolDefaults;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Temporal activity options for calls of one tool, from its effective (fully inherited) policy. */
public final class ToolActivityOptions {

    public static final Duration DEFAULT_START_TO_CLOSE = ToolDefaults.TIMEOUT;

    /** Retries are always bounded: Temporal's own default (0) would retry forever. */
    public static final int DEFAULT_MAX_ATTEMPTS = ToolDefaults.MAX_ATTEMPTS;

    private ToolActivityOptions() {
    }

    /**
     * @param kind the tool's kind (its name is the activity type the caller passes to the stub);
     *     every kind has the same defaults today, and it may be null
     * @param effective the tool's policy with the plan's defaults already applied; may be null
     */
    public static ActivityOptions from(ToolKind kind, ToolPolicy effective) {
        ToolPolicy policy = effective == null ? ToolPolicy.EMPTY : effective;
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(positiveOr(policy.timeout(), DEFAULT_START_TO_CLOSE))
                .setRetryOptions(retryOptions(policy.retry()));
        if (isPositive(policy.scheduleToClose())) {
            options.setScheduleToCloseTimeout(policy.scheduleToClose());
        }
        if (isPositive(policy.scheduleToStart())) {
            options.setScheduleToStartTimeout(policy.scheduleToStart());
        }
        if (isPositive(policy.heartbeat())) {
            options.setHeartbeatTimeout(policy.heartbeat());
        }
        if (policy.taskQueue() != null && !policy.taskQueue().isBlank()) {
            options.setTaskQueue(policy.taskQueue());
        }
        return options.build();
    }

    public static RetryOptions retryOptions(RetryPolicy retry) {
        RetryPolicy r = retry == null ? RetryPolicy.EMPTY : retry;
        int attempts = r.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : Math.max(1, r.maxAttempts());
        RetryOptions.Builder options = RetryOptions.newBuilder().setMaximumAttempts(attempts);
        Duration initial = isPositive(r.initialInterval()) ? r.initialInterval() : null;
        if (initial != null) {
            options.setInitialInterval(initial);
        }
        if (r.backoffCoefficient() != null) {
            options.setBackoffCoefficient(Math.max(1.0, r.backoffCoefficient()));
        }
        if (isPositive(r.maxInterval())) {
            Duration floor = initial != null ? initial : Duration.ofSeconds(1);
            options.setMaximumInterval(r.maxInterval().compareTo(floor) < 0 ? floor : r.maxInterval());
        }
        if (!r.nonRetryable().isEmpty()) {
            options.setDoNotRetry(r.nonRetryable().toArray(new String[0]));
        }
        return options.build();
    }

    private static Duration positiveOr(Duration value, Duration fallback) {
        return isPositive(value) ? value : fallback;
    }

    private static boolean isPositive(Duration value) {
        return value != null && !value.isNegative() && !value.isZero();
    }
}
