package dev.agentplan.runtime.api;

/** A human's decision on an approval gate, sent with the {@code decide} update or signal. */
public record GateDecision(String gate, boolean approved, String approver, String comment) {
}
