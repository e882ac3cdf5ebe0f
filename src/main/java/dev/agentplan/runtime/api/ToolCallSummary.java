package dev.agentplan.runtime.api;

/**
 * The last tool call a run made, summarised for status (arguments and result are truncated JSON).
 *
 * @param outcome {@code ok}, {@code running}, {@code failed: Type}
 */
public record ToolCallSummary(String tool, String kind, String arguments, String result, int attempts,
                              String stepPath, String line, String outcome) {
}
