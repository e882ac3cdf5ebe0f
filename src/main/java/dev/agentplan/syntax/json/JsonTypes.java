package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON type names in user words: "a string", "a number", "an object". */
final class JsonTypes {

    private JsonTypes() {
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "null";
    }

    /** A JSON Schema type name ("string", "integer", "array", …) in user words. */
    static String schemaType(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "a list";
            case "null" -> "null";
            default -> type;
        };
    }
}
