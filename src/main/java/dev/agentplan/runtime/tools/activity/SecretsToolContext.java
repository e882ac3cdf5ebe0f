package dev.agentplan.runtime.tools.activity;

import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.secrets.CallSecrets;
import java.time.Duration;
import java.util.Optional;

/**
 * A call's context with its secrets: what the tool resolves itself is remembered for redaction,
 * and heartbeat details (which reach the server) are redacted.
 */
final class SecretsToolContext implements ToolContext {

    private final ToolContext inner;
    private final CallSecrets secrets;

    SecretsToolContext(ToolContext inner, CallSecrets secrets) {
        this.inner = inner;
        this.secrets = secrets;
    }

    @Override
    public String idempotencyKey() {
        return inner.idempotencyKey();
    }

    @Override
    public String runId() {
        return inner.runId();
    }

    @Override
    public String stepPath() {
        return inner.stepPath();
    }

    @Override
    public int attempt() {
        return inner.attempt();
    }

    @Override
    public void heartbeat(Object details) {
        inner.heartbeat(secrets.redactor().redactAny(details));
    }

    @Override
    public Optional<String> config(String key) {
        return inner.config(key);
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
    public Optional<Duration> attemptTimeout() {
        return inner.attemptTimeout();
    }
}
