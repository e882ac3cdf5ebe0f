package dev.agentplan.runtime.api;

/**
 * One finished step in the run's step log (times are workflow time, ISO-8601).
 *
 * @param iteration the loop iterations the step ran in ({@code "3=2,3/body/1=0"}), empty outside loops
 * @param tool the plan-local tool name for call steps, else null
 * @param attempts the attempt that succeeded for tool calls, else 0
 * @param outcome {@code ok}, {@code failed: Type}, {@code cancelled}
 */
public record StepLogEntry(String path, String line, String kind, String tool, String iteration,
                           String startedAt, String endedAt, int attempts, String outcome) {
}
