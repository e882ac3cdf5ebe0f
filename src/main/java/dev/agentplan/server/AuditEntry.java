package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a run's audit trail, read from its event history. Which fields are set depends on
 * the type:
 * <ul>
 *   <li>{@code tool}: step, line, tool (plan-local name), kind (the activity type), arguments,
 *       result, attempts, lastFailure (of the attempt before the last, where the server records
 *       it), outcome, endedAt, comment (when the run asked to cancel it), detail (its idempotency
 *       key); an undo call also has compensates (the event id of the call it undoes) and trigger
 *       (what made the run compensate: the failure, or the cancel and by whom);</li>
 *   <li>{@code approval}: name (the gate), step and line of its approve step, outcome
 *       (approved/rejected/timed out/refused: why), who (null when the timeout decided), comment,
 *       detail (update, signal or timeout, and from whom);</li>
 *   <li>{@code cancel}: who, comment (the reason), outcome;</li>
 *   <li>{@code signal}: name, payload, detail (from whom), outcome (null, or {@code ignored: why}
 *       when no step of the plan waits for that name);</li>
 *   <li>{@code intent}: an event for an {@code on signal|update} handler: name, payload, who (the
 *       sender it names), detail (signal or update, and the client identity);</li>
 *   <li>{@code timer}: detail (its length, ISO-8601), name (what it is for: from the timer's summary,
 *       or for a run from before summaries guessed from its length), step and line (from the summary),
 *       outcome (fired, cancelled, never fired), endedAt;</li>
 *   <li>{@code child}: name (agent@version), detail (its run id), outcome, result;</li>
 *   <li>{@code resolve}: name (the agent and ref a child run asked for), outcome;</li>
 *   <li>{@code segment}: detail (continue-as-new: the run went on in a fresh history);</li>
 *   <li>{@code cancel_request}: a cancellation requested through Temporal itself, who, comment.</li>
 * </ul>
 *
 * @param at when it began (the server's event time, ISO-8601)
 * @param eventId the id of the event it began with (in its segment's history)
 */
public record AuditEntry(String type, String at, String endedAt, long eventId, String step, String line, String tool,
                         String kind, JsonNode arguments, JsonNode result, Integer attempts, String lastFailure,
                         String outcome, String who, String comment, String name, JsonNode payload, String detail,
                         Long compensates, String trigger) {

    static Builder of(String type, String at, long eventId) {
        return new Builder(type, at, eventId);
    }

    /** Entries are filled in as later events (completion, failure) arrive. */
    static final class Builder {
        final String type;
        final String at;
        final long eventId;
        String endedAt;
        String step;
        String line;
        String tool;
        String kind;
        JsonNode arguments;
        JsonNode result;
        Integer attempts;
        String lastFailure;
        String outcome;
        String who;
        String comment;
        String name;
        JsonNode payload;
        String detail;
        Long compensates;
        String trigger;

        Builder(String type, String at, long eventId) {
            this.type = type;
            this.at = at;
            this.eventId = eventId;
        }

        AuditEntry build() {
            return new AuditEntry(type, at, endedAt, eventId, step, line, tool, kind, arguments, result, attempts,
                    lastFailure, outcome, who, comment, name, payload, detail, compensates, trigger);
        }
    }
}
