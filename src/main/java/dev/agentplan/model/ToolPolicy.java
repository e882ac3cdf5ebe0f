package dev.agentplan.model;

import java.time.Duration;

/**
 * How calls of one tool are run. Null fields inherit from the plan's tool defaults
 * ({@code tools { defaults { … } }}); see {@link #orElse}.
 *
 * @param timeout start-to-close timeout of one attempt
 * @param scheduleToClose overall deadline across all attempts
 * @param heartbeat heartbeat timeout for long-running tools
 * @param retry retry policy, or null
 * @param effect what the tool does to the world, or null (then READ unless the kind says otherwise)
 * @param idempotent whether repeating a call is harmless, or null (unknown)
 * @param approval whether each call needs a human approval gate before it
 * @param taskQueue a task queue routing the tool to specialised workers, or null
 * @param scheduleToStart how long a call may wait for a worker of its task queue to pick it up
 *     (Temporal's schedule-to-start timeout), or null for no limit
 */
public record ToolPolicy(
        Duration timeout,
        Duration scheduleToClose,
        Duration heartbeat,
        RetryPolicy retry,
        Effect effect,
        Boolean idempotent,
        ApprovalRequirement approval,
        String taskQueue,
        Duration scheduleToStart) {

    public static final ToolPolicy EMPTY =
            new ToolPolicy(null, null, null, null, null, null, ApprovalRequirement.DEFAULT, null, null);

    public ToolPolicy {
        approval = approval == null ? ApprovalRequirement.DEFAULT : approval;
    }

    /** A policy without a schedule-to-start limit. */
    public ToolPolicy(Duration timeout, Duration scheduleToClose, Duration heartbeat, RetryPolicy retry, Effect effect,
            Boolean idempotent, ApprovalRequirement approval, String taskQueue) {
        this(timeout, scheduleToClose, heartbeat, retry, effect, idempotent, approval, taskQueue, null);
    }

    /** This policy with every unset field taken from {@code fallback}. */
    public ToolPolicy orElse(ToolPolicy fallback) {
        if (fallback == null) {
            return this;
        }
        return new ToolPolicy(
                timeout != null ? timeout : fallback.timeout,
                scheduleToClose != null ? scheduleToClose : fallback.scheduleToClose,
                heartbeat != null ? heartbeat : fallback.heartbeat,
                retry != null ? retry.orElse(fallback.retry) : fallback.retry,
                effect != null ? effect : fallback.effect,
                idempotent != null ? idempotent : fallback.idempotent,
                approval != ApprovalRequirement.DEFAULT ? approval : fallback.approval,
                taskQueue != null ? taskQueue : fallback.taskQueue,
                scheduleToStart != null ? scheduleToStart : fallback.scheduleToStart);
    }
}
