package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of one interpreter run (and of each continue-as-new segment of it).
 *
 * @param inputs the run's inputs as an object; checked against the declared inputs, defaults applied
 * @param resume null for a new run; the state to resume from after a continue-as-new
 * @param continueAsNewAfterEvents 0 to continue-as-new only when the server suggests it; otherwise
 *     also once the history is longer than this many events (lets tests exercise long runs cheaply)
 */
public record RunRequest(PinnedDefinition definition, JsonNode inputs, InterpreterState resume,
                         long continueAsNewAfterEvents) {

    public RunRequest(PinnedDefinition definition, JsonNode inputs, InterpreterState resume) {
        this(definition, inputs, resume, 0);
    }
}
