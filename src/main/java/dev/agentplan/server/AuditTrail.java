package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ErrorInfo;
import java.util.List;

/**
 * A run's audit trail, built from its event history alone (see {@link HistoryReader}): what the
 * run was pinned to, every tool call, decision, signal, timer and child run, and how it ended.
 *
 * @param version 0 for a plan run from a file that was never deployed
 * @param status COMPLETED, FAILED, CANCELLED (the plan's result), TERMINATED or TIMED_OUT (the
 *     server ended it), RUNNING
 * @param segments how many histories the run spans (continue-as-new)
 * @param schemaVersion {@value #SCHEMA_VERSION}: the shape of {@code agentplan history --json} (see the
 *     README); fields are only ever added, a rename or removal raises it
 */
public record AuditTrail(String runId, String agent, int version, String sha256, String source, JsonNode inputs,
                         String startedAt, String endedAt, String status, JsonNode output, ErrorInfo error,
                         int segments, List<AuditEntry> events, int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public AuditTrail(String runId, String agent, int version, String sha256, String source, JsonNode inputs,
                      String startedAt, String endedAt, String status, JsonNode output, ErrorInfo error,
                      int segments, List<AuditEntry> events) {
        this(runId, agent, version, sha256, source, inputs, startedAt, endedAt, status, output, error, segments, events,
                SCHEMA_VERSION);
    }
}
