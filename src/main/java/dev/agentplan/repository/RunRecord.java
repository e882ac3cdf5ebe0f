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
 * @param status the last status the CLI or runtime saw (for example running, completed, failed)
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
        Instant updatedAt) {

    RunRecord withStatus(String newStatus, Instant when) {
        return new RunRecord(runId, agent, version, sha256, taskQueue, address, startedAt, newStatus, when);
    }
}
