package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.ValueType;
import dev.agentplan.runtime.eval.Values;

/** Whether an event's payload has its handler's declared type: the run and the CLI use the same words. */
public final class IntentPayloads {

    private IntentPayloads() {
    }

    /** Why the payload does not fit the handler's declared type, or null when it does. */
    public static String problem(IntentHandler h, JsonNode payload) {
        JsonNode v = Values.orNull(payload);
        boolean fits = switch (h.type()) {
            case STRING -> v.isTextual();
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case OBJECT -> v.isObject();
            case LIST -> v.isArray();
            case ANY -> true;
        };
        if (fits) {
            return null;
        }
        return "the payload of \"" + h.event() + "\" must be " + (h.type() == ValueType.OBJECT ? "an " : "a ")
                + h.type().keyword() + ", not " + Values.typeName(v);
    }
}
