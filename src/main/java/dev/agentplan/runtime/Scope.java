package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.eval.Bindings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names visible to a part of the walk. The run has one root scope; sequential bodies share their
 * enclosing scope. Each parallel lane and parallel loop iteration gets a child scope: it reads
 * its parents and writes only its own names, so concurrent work never races on a variable.
 */
final class Scope implements Bindings {

    private final Scope parent;
    private final JsonNode input;
    private final Map<String, JsonNode> names;
    /** Whether a person approved a gate in this scope's part of the walk (see {@link #approved()}). */
    private boolean approved;

    private Scope(Scope parent, JsonNode input, Map<String, JsonNode> names) {
        this.parent = parent;
        this.input = input;
        this.names = names;
    }

    static Scope root(JsonNode input, Map<String, JsonNode> names) {
        return new Scope(null, input, names);
    }

    Scope child() {
        return new Scope(this, input, new LinkedHashMap<>());
    }

    @Override
    public JsonNode input() {
        return input;
    }

    @Override
    public JsonNode lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.names.containsKey(name)) {
                return s.names.get(name);
            }
        }
        return null;
    }

    void set(String name, JsonNode value) {
        names.put(name, value);
    }

    /** Notes that a person approved a gate here: approval-required calls after it are covered. */
    void markApproved() {
        approved = true;
    }

    /** Whether a person's approval covers this point: given in this scope or one it reads from. */
    boolean approved() {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.approved) {
                return true;
            }
        }
        return false;
    }

    /** Whether a gate was approved in this scope itself (a finished lane or iteration, for its join). */
    boolean approvedHere() {
        return approved;
    }

    /** The names this scope itself bound, in binding order (a lane's or iteration's own results). */
    Map<String, JsonNode> own() {
        return names;
    }
}
