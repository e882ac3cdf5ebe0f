package dev.agentplan.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A run-level error as plain data: what a {@code catch} variable holds and what a failed run reports.
 *
 * @param type the catchable type: a tool failure type ({@code HttpError}, {@code ExitCode}, …),
 *     {@code ToolError}, {@code Timeout}, or an interpreter type ({@code PlanFailed},
 *     {@code ApprovalRejected}, {@code ApprovalTimeout}, {@code SignalTimeout}, {@code BudgetExceeded},
 *     {@code LoopBoundExceeded}, {@code ExpressionError}, {@code InvalidInput}, {@code LimitExceeded},
 *     {@code PayloadTooLarge}, {@code ResultTooLarge}, …)
 * @param step the path of the step that failed
 * @param line {@code file.agent:LINE} of that step
 * @param details extra JSON data, or null
 */
public record ErrorInfo(String type, String message, String step, String line, JsonNode details) {
}
