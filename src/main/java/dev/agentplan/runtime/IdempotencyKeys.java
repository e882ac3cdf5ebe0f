package dev.agentplan.runtime;

import dev.agentplan.model.Sha256;

/**
 * Derived idempotency keys: the hex SHA-256 of {@code "workflowId|keySeed|stepPath|iterations"},
 * where the key seed is the workflow's first run id, or, for a lost run started again with
 * {@code run --restart-lost}, the seed of its first start (carried in {@link RunRequest#keySeed}),
 * and a child run's is its parent's. The same across activity retries, workflow replays and
 * continue-as-new (all parts are fixed once the call is scheduled), and across a restart of a
 * lost run; different for each loop iteration, and for another run. A plan's {@code key}
 * replaces the derived key.
 */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static String derive(String workflowId, String keySeed, String stepPath, String iterations) {
        return Sha256.of(workflowId + "|" + keySeed + "|" + stepPath + "|" + iterations);
    }

    /** The key of the undo call registered by the call with key {@code callKey} (audit reads it back). */
    public static String undo(String callKey) {
        return Sha256.of(callKey + "|undo");
    }
}
