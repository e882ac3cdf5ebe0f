package dev.agentplan.repository.diff;

/**
 * Something B does that makes runs less safe than under A; reviewers should look before deploying.
 *
 * @param path the step path in B (or in A for a removed gate) the risk is about, or null
 */
public record Risk(Kind kind, String path, String message) {

    public enum Kind {
        /** An approval gate of A is gone. */
        APPROVAL_GATE_REMOVED,
        /** An approval gate now approves by itself when nobody answers. */
        APPROVAL_GATE_AUTO_APPROVES,
        /** A call that needs approval is reachable without a gate before it. */
        UNGATED_CALL,
        /** A tool no longer needs approval, or its declared effect is milder. */
        TOOL_SAFETY_LOWERED,
        /** Retry attempts were raised a lot (or made unlimited). */
        RETRIES_RAISED,
        /** A budget limit was raised or removed. */
        BUDGET_LOOSENED
    }
}
