package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call a case's run made (retries of it are attempts, not calls).
 *
 * @param workflowId the run (or child run) that made it
 * @param line {@code file.agent:LINE} of the step
 * @param attempts how many attempts the scripted activity saw
 * @param scriptEntry the 1-based tools[] entry that answered it, 0 when none did
 */
public record RecordedCall(int seq, String workflowId, String tool, String kind, JsonNode args, String stepPath,
                           String line, int attempts, int scriptEntry) {

    RecordedCall withAttempts(int n) {
        return new RecordedCall(seq, workflowId, tool, kind, args, stepPath, line, n, scriptEntry);
    }

    /** {@code tool(args) at step 3 (plan.agent:12)}. */
    public String describe() {
        return tool + "(" + Matchers.brief(args) + ") at step " + stepPath + (line == null || line.isEmpty() ? "" : " (" + line + ")");
    }
}
