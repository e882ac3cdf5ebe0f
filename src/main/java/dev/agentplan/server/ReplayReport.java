package dev.agentplan.server;

/**
 * The outcome of replaying a run's history against this interpreter.
 *
 * @param deterministic true when the interpreter issues exactly the commands the history records
 * @param problem what differed, in the SDK's words (null when deterministic)
 * @param eventId the history event where replay diverged, or null when unknown
 * @param event what that event recorded, e.g. {@code ActivityTaskScheduled: tool logs (http) at step 3 (x.agent:14)}
 */
public record ReplayReport(boolean deterministic, String problem, Long eventId, String event) {
}
