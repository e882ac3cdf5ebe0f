package dev.agentplan.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An approval gate waiting for a human.
 *
 * @param approvers who may decide; empty means anyone
 * @param since when the gate opened, {@code deadline} when it times out (workflow time, ISO-8601)
 * @param tool for a call a model loop proposes, the tool it would call (else null)
 * @param arguments for a call a model loop proposes, the exact arguments it would pass (else null)
 */
public record PendingApproval(String gate, String prompt, List<String> approvers, String since, String deadline,
                              String line, String stepPath, String tool, JsonNode arguments) {

    public PendingApproval(String gate, String prompt, List<String> approvers, String since, String deadline,
                           String line, String stepPath) {
        this(gate, prompt, approvers, since, deadline, line, stepPath, null, null);
    }
}
