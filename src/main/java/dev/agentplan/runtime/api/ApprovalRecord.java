package dev.agentplan.runtime.api;

/**
 * A decided approval gate: the audit record of who decided, when, and why.
 *
 * @param approver null when the gate timed out
 * @param byTimeout true when the timeout decided ({@code on_timeout approve|reject|fail})
 */
public record ApprovalRecord(String gate, boolean approved, String approver, String comment, String at,
                             boolean byTimeout, String stepPath) {
}
