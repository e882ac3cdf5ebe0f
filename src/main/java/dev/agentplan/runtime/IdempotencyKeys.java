package dev.agentplan.runtime;

/**
 * Derived idempotency keys: the hex SHA-256 of {@code "workflowId|firstRunId|stepPath|iterations"}.
 * The same across activity retries and workflow replays (all parts are fixed once the call is
 * scheduled, and continue-as-new keeps both ids), different for each loop iteration, and different
 * for another run even under a reused workflow id (the first run id is new each time).
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String derive(String workflowId, String firstRunId, String stepPath, String iterations) {
        return PinnedDefinition.sha256Of(workflowId + "|" + firstRunId + "|" + stepPath + "|" + iterations);
    }

    /** The key of the undo call registered by the call with key {@code callKey} (audit reads it back). */
    public static String undo(String callKey) {
        return PinnedDefinition.sha256Of(callKey + "|undo");
    }
}
