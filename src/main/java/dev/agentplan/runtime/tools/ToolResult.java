package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The value of a successful call and what it cost (charged to the run's cost budget; zero for
 * free tools).
 */
public record ToolResult(JsonNode value, BigDecimal cost) {

    public ToolResult {
        cost = cost == null ? BigDecimal.ZERO : cost;
    }

    public static ToolResult of(JsonNode value) {
        return new ToolResult(value, BigDecimal.ZERO);
    }
}
