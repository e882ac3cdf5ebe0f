package dev.agentplan.runtime.eval;

import com.fasterxml.jackson.databind.JsonNode;

/** What the roots of paths refer to while evaluating: the run's inputs and its named values. */
public interface Bindings {

    /** The run's inputs (an object). */
    JsonNode input();

    /** The value bound to {@code name} (a variable, step result, loop variable), or null when nothing is. */
    JsonNode lookup(String name);

    static Bindings of(JsonNode input, java.util.Map<String, JsonNode> variables) {
        return new Bindings() {
            @Override
            public JsonNode input() {
                return input;
            }

            @Override
            public JsonNode lookup(String name) {
                return variables.get(name);
            }
        };
    }
}
