package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of one tool-call activity (activity type = the tool kind's name). Everything a tool
 * needs travels here, so the event history shows exactly what a step called a tool with.
 *
 * @param tool the plan-local tool name (e.g. {@code logs})
 * @param kind the tool kind (e.g. {@code http}); also the activity type
 * @param arguments the evaluated arguments
 * @param idempotencyKey derived from run id, step path and loop iteration (or the plan's {@code key})
 * @param runId the workflow id of the run
 * @param stepPath the step's address (see {@link dev.agentplan.model.StepPaths})
 * @param sourceLine {@code file:line} of the step in the plan, for audit lines
 * @param secretTag the tag of the run's secret references in {@code arguments} (see
 *     {@link dev.agentplan.runtime.tools.secrets.SecretPlaceholders}); null when the run has none
 * @param secretNames the only secret names the activity resolves references to: those the call's own
 *     expressions name (null in requests written before: every reference with the tag)
 * @param retryJitter the tool's backoff when its retries are jittered ({@code retry { jitter N% }}), else null
 */
public record ToolCallRequest(
        String tool,
        String kind,
        JsonNode arguments,
        String idempotencyKey,
        String runId,
        String stepPath,
        String sourceLine,
        String secretTag,
        java.util.List<String> secretNames,
        RetryJitter.Backoff retryJitter) {

    /** A request whose arguments carry no secret references and whose retries are not jittered. */
    public ToolCallRequest(String tool, String kind, JsonNode arguments, String idempotencyKey, String runId,
                           String stepPath, String sourceLine) {
        this(tool, kind, arguments, idempotencyKey, runId, stepPath, sourceLine, null, null, null);
    }

    /** A request whose retries are not jittered. */
    public ToolCallRequest(String tool, String kind, JsonNode arguments, String idempotencyKey, String runId,
                           String stepPath, String sourceLine, String secretTag) {
        this(tool, kind, arguments, idempotencyKey, runId, stepPath, sourceLine, secretTag, null, null);
    }
}
