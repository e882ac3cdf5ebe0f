package dev.agentplan.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a run ended. The workflow always completes with one of these (a failed or cancelled plan is
 * a result, not a workflow failure), so callers read one shape.
 *
 * @param status COMPLETED, FAILED or CANCELLED
 * @param output the evaluated {@code output} block (an object; empty when the plan has none), or null unless COMPLETED
 * @param error why it failed or who cancelled it; null when COMPLETED
 * @param compensationErrors why each compensation that failed (or was refused) did not succeed;
 *     empty when none did (null in results recorded before this was kept)
 */
public record RunResult(RunState status, JsonNode output, ErrorInfo error, RunCounts counts,
                        List<ErrorInfo> compensationErrors) {
}
