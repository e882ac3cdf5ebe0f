package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.StepPaths;

/**
 * One step being executed.
 *
 * @param path the step's path ({@link StepPaths})
 * @param line {@code file.agent:LINE}, or "" when the source map has none
 * @param frame the scope and loop iterations it runs in, and whether it is sequential (safe)
 * @param log its entry in the step log, which says what it waits for
 */
record StepContext(String path, String line, Frame frame, StepLog.Running log) {

    Scope scope() {
        return frame.scope();
    }

    String iterations() {
        return frame.iterations();
    }

    /** The prefix of this step's body named {@code name} (a {@link dev.agentplan.model.BodyNames} name). */
    String body(String name) {
        return StepPaths.body(path, name);
    }

    /** Binds {@code name} (when there is one) to the step's result. */
    void bind(String name, JsonNode value) {
        Walker.bind(frame, name, value);
    }
}
