package dev.agentplan.runtime.api;

import java.math.BigDecimal;

/**
 * One budget's use.
 *
 * @param name {@code tool_calls}, {@code steps}, {@code duration_ms} or {@code cost}
 * @param limit null when unlimited; {@code left} is then null too
 */
public record BudgetUse(String name, BigDecimal used, BigDecimal limit, BigDecimal left) {
}
