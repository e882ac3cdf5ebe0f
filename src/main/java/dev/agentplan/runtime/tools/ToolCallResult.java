package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The output of one tool-call activity.
 *
 * @param value the tool's result (bounded in size: large results are truncated with a marker)
 * @param cost what the call cost, charged to the run's cost budget
 * @param attempt the attempt that succeeded (1 = first)
 */
public record ToolCallResult(JsonNode value, BigDecimal cost, int attempt) {
}
