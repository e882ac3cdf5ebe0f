package dev.agentplan.runtime;

import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options of a tool call from its effective policy. Interim: replaced by the tools
 * package's {@code ToolActivityOptions} once that lands.
 */
final class ToolCallOptions {

    private ToolCallOptions() {
    }

    static ActivityOptions from(ToolKind kind, ToolPolicy policy) {
        RetryPolicy r = policy.retry() == null ? RetryPolicy.EMPTY : policy.retry();
        RetryOptions retry = RetryOptions.newBuilder()
                .setMaximumAttempts(r.maxAttempts() != null ? r.maxAttempts() : 3)
                .setInitialInterval(r.initialInterval() != null ? r.initialInterval() : Duration.ofSeconds(1))
                .setBackoffCoefficient(r.backoffCoefficient() != null ? r.backoffCoefficient() : 2.0)
                .setMaximumInterval(r.maxInterval() != null ? r.maxInterval() : Duration.ofMinutes(1))
                .setDoNotRetry(r.nonRetryable().toArray(String[]::new))
                .build();
        ActivityOptions.Builder b = ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.timeout() != null ? policy.timeout() : Duration.ofSeconds(30))
                .setRetryOptions(retry);
        if (policy.scheduleToClose() != null) {
            b.setScheduleToCloseTimeout(policy.scheduleToClose());
        }
        if (policy.heartbeat() != null) {
            b.setHeartbeatTimeout(policy.heartbeat());
        }
        if (policy.taskQueue() != null) {
            b.setTaskQueue(policy.taskQueue());
        }
        return b.build();
    }
}
