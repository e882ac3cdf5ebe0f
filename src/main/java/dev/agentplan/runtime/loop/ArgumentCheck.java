package dev.agentplan.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a model's arguments against a tool's JSON schema: the subset tool schemas use (type,
 * required, properties, additionalProperties, items, enum). Pure, so it runs in workflow code;
 * what it finds goes back to the model as the call's error.
 */
public final class ArgumentCheck {

    private static final int MOST_PROBLEMS = 10;

    private ArgumentCheck() {
    }

    /** The problems found, in words, each naming where (empty: the arguments fit). */
    public static List<String> problems(JsonNode value, JsonNode schema) {
        List<String> out = new ArrayList<>();
        check(value, schema, "arguments", out);
        return out.size() > MOST_PROBLEMS ? out.subList(0, MOST_PROBLEMS) : out;
    }

    private static void check(JsonNode value, JsonNode schema, String at, List<String> out) {
        if (schema == null || !schema.isObject() || out.size() > MOST_PROBLEMS) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !fits(value, type)) {
            out.add(at + " must be " + (type.isArray() ? "one of " + type : a(type.asText())) + ", not " + typeOf(value));
            return;
        }
        JsonNode options = schema.get("enum");
        if (options != null && options.isArray()) {
            boolean found = false;
            for (JsonNode o : options) {
                found |= o.equals(value);
            }
            if (!found) {
                out.add(at + " must be one of " + options);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) {
                    out.add(at + " needs '" + r.asText() + "'");
                }
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode p = properties.get(field.getKey());
                if (p != null) {
                    check(field.getValue(), p, at + "." + field.getKey(), out);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").booleanValue()) {
                    List<String> known = new ArrayList<>();
                    properties.fieldNames().forEachRemaining(known::add);
                    out.add(at + " has no '" + field.getKey() + "' (it takes " + String.join(", ", known) + ")");
                } else if (schema.path("additionalProperties").isObject()) {
                    check(field.getValue(), schema.get("additionalProperties"), at + "." + field.getKey(), out);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", out);
            }
        }
    }

    private static boolean fits(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (fits(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String a(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            default -> "a " + type;
        };
    }

    static String typeOf(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase();
        };
    }
}
