package dev.agentplan.repository;

import java.time.Instant;

/**
 * What the run index knows about one run, kept because the embedded Temporal test server cannot
 * list workflows.
 *
 * @param runId the workflow id of the run
 * @param version the agent version the run executes
 * @param sha256 the sha256 of that version's canonical JSON
 * @param taskQueue the task queue the run's workflow runs on
 * @param address the Temporal address (host:port or "embedded")
 * @param status the last status the CLI or runtime saw (for example running, completed, failed, lost)
 * @param firstRunId the Temporal run id of the workflow's first execution, or null (older records)
 * @param keySeed what the run's idempotency keys derive from besides the run id: the first run id
 *     of the run's first start, kept when a lost run is started again; null in older records
 * @param inputsSha256 the sha256 of the inputs as given (keys sorted), or null (older records)
 */
public record RunRecord(
        String runId,
        String agent,
        int version,
        String sha256,
        String taskQueue,
        String address,
        Instant startedAt,
        String status,
        Instant updatedAt,
        String firstRunId,
        String keySeed,
        String inputsSha256) {

    /** A record without the start details (firstRunId, keySeed, inputs hash). */
    public RunRecord(String runId, String agent, int version, String sha256, String taskQueue, String address,
                     Instant startedAt, String status, Instant updatedAt) {
        this(runId, agent, version, sha256, taskQueue, address, startedAt, status, updatedAt, null, null, null);
    }

    RunRecord withStatus(String newStatus, Instant when) {
        return new RunRecord(runId, agent, version, sha256, taskQueue, address, startedAt, newStatus, when,
                firstRunId, keySeed, inputsSha256);
    }

    /** True for the statuses a run never leaves (a lost run is not ended: it stopped without an end). */
    public boolean ended() {
        return switch (status) {
            case "completed", "failed", "cancelled", "terminated", "timed_out" -> true;
            default -> false;
        };
    }
}
