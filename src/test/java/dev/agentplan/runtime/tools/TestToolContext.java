package dev.agentplan.runtime.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A {@link ToolContext} for calling a tool directly (outside an activity): what an activity would
 * provide, set by the test. Heartbeats are recorded; {@link #cancelAtHeartbeat} makes the n-th
 * heartbeat throw like a cancelled activity's does.
 */
public final class TestToolContext implements ToolContext {

    private final Map<String, String> config = new HashMap<>();
    private final Map<String, String> secrets = new HashMap<>();
    private final List<Object> heartbeats = new ArrayList<>();
    private String idempotencyKey = "run-1/3";
    private int attempt = 1;
    private Duration attemptTimeout;
    private IntPredicate cancelAt = n -> false;

    public TestToolContext key(String key) {
        this.idempotencyKey = key;
        return this;
    }

    public TestToolContext attempt(int attempt) {
        this.attempt = attempt;
        return this;
    }

    public TestToolContext config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** A secret the worker's sources would give this tool. */
    public TestToolContext secret(String name, String value) {
        secrets.put(name, value);
        return this;
    }

    @Override
    public String secret(String name) throws dev.agentplan.runtime.tools.ToolFailure {
        String value = secrets.get(name);
        if (value == null) {
            throw dev.agentplan.runtime.tools.ToolFailure.nonRetryable("SecretNotFound", "no secret '" + name + "'");
        }
        return value;
    }

    public TestToolContext attemptTimeout(Duration timeout) {
        this.attemptTimeout = timeout;
        return this;
    }

    public TestToolContext cancelAtHeartbeat(int n) {
        this.cancelAt = count -> count >= n;
        return this;
    }

    public synchronized List<Object> heartbeats() {
        return List.copyOf(heartbeats);
    }

    @Override
    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public String runId() {
        return "run-1";
    }

    @Override
    public String stepPath() {
        return "3";
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public synchronized void heartbeat(Object details) {
        heartbeats.add(details);
        if (cancelAt.test(heartbeats.size())) {
            throw new io.temporal.client.ActivityCanceledException();
        }
    }

    @Override
    public Optional<String> config(String key) {
        return WorkerConfig.of(config).get(key);
    }

    @Override
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }
}
