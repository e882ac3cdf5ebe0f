package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.PinnedDefinition;

/**
 * The input of one interpreter run (and of each continue-as-new segment of it).
 *
 * @param inputs the run's inputs as an object; checked against the declared inputs, defaults applied
 * @param resume null for a new run; the state to resume from after a continue-as-new
 * @param continueAsNewAfterEvents 0 to continue-as-new only when the server suggests it; otherwise
 *     also once the history is longer than this many events (lets tests exercise long runs cheaply)
 * @param keySeed what idempotency keys derive from besides the workflow id; null means the
 *     workflow's first run id. A lost run started again under its old id passes its old seed, so
 *     its calls send the same keys as before (see {@link IdempotencyKeys}); child runs get their
 *     parent's seed. Absent in older payloads.
 */
public record RunRequest(PinnedDefinition definition, JsonNode inputs, InterpreterState resume,
                         long continueAsNewAfterEvents, String keySeed) {

    public RunRequest(PinnedDefinition definition, JsonNode inputs, InterpreterState resume) {
        this(definition, inputs, resume, 0);
    }

    public RunRequest(PinnedDefinition definition, JsonNode inputs, InterpreterState resume,
                      long continueAsNewAfterEvents) {
        this(definition, inputs, resume, continueAsNewAfterEvents, null);
    }
}
