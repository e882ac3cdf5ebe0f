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
     * How long this attempt may run (the activity's start-to-close timeout), if known. Tools that
     * wait on something outside the JVM (a child process, a socket) stop waiting after it.
     */
    default Optional<Duration> attemptTimeout() {
        return Optional.empty();
    }
}
