package dev.agentplan.runtime.tools;

import dev.agentplan.runtime.tools.secrets.CallSecrets;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import java.time.Duration;
import java.util.Optional;

/** The {@link ToolContext} of a call running as a Temporal activity attempt. */
final class ActivityToolContext implements ToolContext {

    private final ActivityExecutionContext execution;
    private final ToolCallRequest request;
    private final WorkerConfig config;
    private final CallSecrets secrets;

    ActivityToolContext(ActivityExecutionContext execution, ToolCallRequest request, WorkerConfig config,
                        CallSecrets secrets) {
        this.execution = execution;
        this.request = request;
        this.config = config;
        this.secrets = secrets;
    }

    CallSecrets secrets() {
        return secrets;
    }

    @Override
    public String secret(String name) throws ToolFailure {
        return secrets.value(name);
    }

    @Override
    public boolean revealsSecret(String text) {
        return secrets.redactor().reveals(text);
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
        execution.heartbeat(secrets.redactor().redactAny(details)); // heartbeat details reach the server
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
