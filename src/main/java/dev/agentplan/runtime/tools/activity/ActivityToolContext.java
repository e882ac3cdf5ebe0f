package dev.agentplan.runtime.tools.activity;

import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.WorkerConfig;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import java.time.Duration;
import java.util.Optional;

/** The {@link ToolContext} of a call running as a Temporal activity attempt. */
final class ActivityToolContext implements ToolContext {

    private final ActivityExecutionContext execution;
    private final ToolCallRequest request;
    private final WorkerConfig config;

    ActivityToolContext(ActivityExecutionContext execution, ToolCallRequest request, WorkerConfig config) {
        this.execution = execution;
        this.request = request;
        this.config = config;
    }

    @Override
    public String idempotencyKey() {
        return request.idempotencyKey();
    }

    @Override
    public String runId() {
        return request.runId() != null ? request.runId() : execution.getInfo().getWorkflowId();
    }

    @Override
    public String stepPath() {
        return request.stepPath();
    }

    @Override
    public int attempt() {
        return execution.getInfo().getAttempt();
    }

    /** Throws {@link io.temporal.client.ActivityCompletionException} once the call is cancelled. */
    @Override
    public void heartbeat(Object details) {
        execution.heartbeat(details);
    }

    @Override
    public Optional<String> config(String key) {
        return config.get(key);
    }

    @Override
    public Optional<Duration> attemptTimeout() {
        ActivityInfo info = execution.getInfo();
        Duration timeout = info.getStartToCloseTimeout();
        return timeout == null || timeout.isZero() || timeout.isNegative() ? Optional.empty() : Optional.of(timeout);
    }
}
