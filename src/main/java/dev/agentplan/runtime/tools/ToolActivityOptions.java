package dev.agentplan.runtime.tools;

import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;

/** Temporal activity options for calls of one tool, from its {@link ResolvedToolPolicy}. */
public final class ToolActivityOptions {

    private ToolActivityOptions() {
    }

    /**
     * @param kind the tool's kind (its name is the activity type the caller passes to the stub);
     *     every kind has the same defaults today, and it may be null
     * @param effective the tool's policy with the plan's defaults already applied; may be null
     */
    public static ActivityOptions from(ToolKind kind, ToolPolicy effective) {
        return of(ResolvedToolPolicy.of(effective));
    }

    public static ActivityOptions of(ResolvedToolPolicy policy) {
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.timeout())
                .setRetryOptions(retryOptions(policy));
        if (policy.scheduleToClose() != null) {
            options.setScheduleToCloseTimeout(policy.scheduleToClose());
        }
        if (policy.scheduleToStart() != null) {
            options.setScheduleToStartTimeout(policy.scheduleToStart());
        }
        if (policy.heartbeat() != null) {
            options.setHeartbeatTimeout(policy.heartbeat());
        }
        if (policy.taskQueue() != null) {
            options.setTaskQueue(policy.taskQueue());
        }
        return options.build();
    }

    /**
     * The retry options. Backoff fields the plan left unset stay unset here (Temporal's server
     * defaults are the resolved policy's), so the commands of recorded histories stay the same.
     */
    public static RetryOptions retryOptions(ResolvedToolPolicy policy) {
        RetryOptions.Builder options = RetryOptions.newBuilder().setMaximumAttempts(policy.maxAttempts());
        ToolPolicy given = policy.given();
        if (given.retry() != null) {
            if (positive(given.retry().initialInterval())) {
                options.setInitialInterval(policy.initialInterval());
            }
            if (given.retry().backoffCoefficient() != null) {
                options.setBackoffCoefficient(policy.backoffCoefficient());
            }
            if (positive(given.retry().maxInterval())) {
                options.setMaximumInterval(policy.maxInterval());
            }
        }
        if (!policy.nonRetryable().isEmpty()) {
            options.setDoNotRetry(policy.nonRetryable().toArray(new String[0]));
        }
        return options.build();
    }

    private static boolean positive(java.time.Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
