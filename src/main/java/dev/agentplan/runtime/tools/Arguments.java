package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of a call's arguments. Validation checks literal arguments before a run; values
 * computed at run time are checked here, and a bad one is a non-retryable {@code InvalidArguments}
 * failure (retrying the same arguments cannot help).
 */
public final class Arguments {

    public static final String INVALID = "InvalidArguments";

    private final String kind;
    private final JsonNode node;

    public Arguments(String kind, JsonNode arguments) {
        this.kind = kind;
        this.node = arguments == null || arguments.isNull() ? ToolJson.object() : arguments;
    }

    public JsonNode node() {
        return node;
    }

    /** The argument, or null when it is absent or JSON null. */
    public JsonNode get(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String name) throws ToolFailure {
        String value = string(name, null);
        if (value == null) {
            throw invalid("needs the argument '" + name + "'");
        }
        return value;
    }

    public String string(String name, String fallback) throws ToolFailure {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw invalid("argument '" + name + "' must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    public boolean bool(String name, boolean fallback) throws ToolFailure {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid("argument '" + name + "' must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    public JsonNode number(String name) throws ToolFailure {
        JsonNode value = get(name);
        if (value != null && !value.isNumber()) {
            throw invalid("argument '" + name + "' must be a number, not " + describe(value));
        }
        return value;
    }

    public ObjectNode object(String name) throws ToolFailure {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid("argument '" + name + "' must be an object, not " + describe(value));
        }
        return (ObjectNode) value;
    }

    public JsonNode list(String name) throws ToolFailure {
        JsonNode value = get(name);
        if (value != null && !value.isArray()) {
            throw invalid("argument '" + name + "' must be a list, not " + describe(value));
        }
        return value;
    }

    /**
     * An object argument whose values are scalars, as strings (headers, query parameters,
     * environment variables); insertion order is kept.
     */
    public Map<String, String> stringMap(String name) throws ToolFailure {
        ObjectNode value = object(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw invalid("argument '" + name + "." + field.getKey() + "' must be a string, number or boolean");
            }
            out.put(field.getKey(), v.asText());
        }
        return out;
    }

    public ToolFailure invalid(String message) {
        return ToolFailure.nonRetryable(INVALID, kind + ": " + message);
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isObject() ? "an object" : "null";
    }
}
