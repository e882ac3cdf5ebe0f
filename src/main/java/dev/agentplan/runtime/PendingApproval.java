package dev.agentplan.runtime;

import java.util.List;

/**
 * An approval gate waiting for a human.
 *
 * @param approvers who may decide; empty means anyone
 * @param since when the gate opened, {@code deadline} when it times out (workflow time, ISO-8601)
 */
public record PendingApproval(String gate, String prompt, List<String> approvers, String since, String deadline,
                              String line, String stepPath) {
}
