package dev.agentplan.server;

import java.time.Instant;

/**
 * What the server says about a run without asking its worker (describe).
 *
 * @param execution the workflow's status in lower case: running, completed, failed, cancelled,
 *     terminated, timed_out, continued_as_new
 * @param agent from the run's memo (null when the run was not started by agentplan)
 * @param closedAt null while running
 */
public record RunDescription(String runId, String execution, String agent, Integer version, String sha256,
                             String taskQueue, Instant startedAt, Instant closedAt) {

    public boolean isRunning() {
        return "running".equals(execution);
    }
}
