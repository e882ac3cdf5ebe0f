package dev.agentplan.server;

/**
 * The outcome of replaying a run's history against this interpreter.
 *
 * @param deterministic true when the interpreter issues exactly the commands the history records
 *     and computes exactly the payloads it records
 * @param problem what differed (null when deterministic)
 * @param eventId the history event where replay diverged, or null when unknown
 * @param event what that event recorded, e.g. {@code ActivityTaskScheduled: tool logs (http) at step 3 (x.agent:14)}
 * @param kind why it failed; {@link Kind#NONE} when deterministic
 */
public record ReplayReport(boolean deterministic, String problem, Long eventId, String event, Kind kind) {

    /** Why a replay failed. */
    public enum Kind {
        /** it did not */
        NONE,
        /** the interpreter issues other commands than the history records: a code change */
        COMMANDS,
        /** the commands match but a recorded payload is not what the interpreter computes: an edited history (or a code change that computes differently) */
        PAYLOADS,
        /** the history is not one a server writes: events removed, moved or renumbered */
        SHAPE
    }

    public ReplayReport(boolean deterministic, String problem, Long eventId, String event) {
        this(deterministic, problem, eventId, event, deterministic ? Kind.NONE : Kind.COMMANDS);
    }
}
