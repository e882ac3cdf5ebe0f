package dev.agentplan.runtime.tools;

import java.time.Duration;
import java.util.Optional;

/** What a tool knows about the call it is performing. */
public interface ToolContext {

    /** Same across retries and replays of one call; different across loop iterations and runs. */
    String idempotencyKey();

    String runId();

    /** The step's address in the plan (see {@link dev.agentplan.model.StepPaths}). */
    String stepPath();

    /** 1 for the first attempt. */
    int attempt();

    /** Records progress and lets the server notice a dead worker; also where cancellation is seen. */
    void heartbeat(Object details);

    /** A worker configuration value (environment variables and -D properties), never from the plan. */
    Optional<String> config(String key);

    /**
     * The value of a secret from the worker's secret sources (environment, files, plugins), for a
     * tool's own credentials. The value is redacted from everything the call hands back. Fails
     * with a non-retryable {@code SecretNotFound} when no source has it.
     */
    default String secret(String name) throws ToolFailure {
        throw ToolFailure.nonRetryable("SecretNotFound", "secret '" + name + "' is not available to this tool");
    }

    /** Whether {@code text} contains a secret value of this call (so it must not go to another origin). */
    default boolean revealsSecret(String text) {
        return false;
    }

    /**
     * How long this attempt may run (the activity's start-to-close timeout), if known. Tools that
     * wait on something outside the JVM (a child process, a socket) stop waiting after it.
     */
    default Optional<Duration> attemptTimeout() {
        return Optional.empty();
    }
}
