package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expected JSON against actual JSON: an object fits when every listed field fits (others are
 * ignored), a list when it has as many items and each fits, a scalar when equal (numbers by
 * value). {@code {"$contains": x}}, {@code {"$regex": r}}, {@code {"$any": true}} and
 * {@code {"$absent": true}} match loosely.
 */
final class Matchers {

    private Matchers() {
    }

    /** Null when {@code actual} fits {@code expected}; else the first difference, at {@code where}. */
    static String difference(JsonNode expected, JsonNode actual, String where) {
        JsonNode value = actual == null || actual.isMissingNode() ? null : actual;
        if (isMatcher(expected)) {
            return matcher(expected, value, where);
        }
        if (expected.isObject()) {
            if (value == null || !value.isObject()) {
                return where + ": expected an object, got " + brief(value);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String d = difference(f.getValue(), value.get(f.getKey()), where + "." + f.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (value == null || !value.isArray()) {
                return where + ": expected a list, got " + brief(value);
            }
            if (value.size() != expected.size()) {
                return where + ": expected " + expected.size() + " items, got " + value.size() + ": " + brief(value);
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(expected.get(i), value.get(i), where + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (equalScalars(expected, value)) {
            return null;
        }
        return where + ": expected " + brief(expected) + ", got " + brief(value);
    }

    private static boolean equalScalars(JsonNode expected, JsonNode value) {
        if (expected.isNull()) {
            return value == null || value.isNull();
        }
        if (value == null) {
            return false;
        }
        if (expected.isNumber() && value.isNumber()) {
            return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        }
        return expected.equals(value);
    }

    private static boolean isMatcher(JsonNode n) {
        return n.isObject() && n.size() == 1 && n.fieldNames().next().startsWith("$");
    }

    private static String matcher(JsonNode m, JsonNode value, String where) {
        String op = m.fieldNames().next();
        JsonNode arg = m.get(op);
        switch (op) {
            case "$any":
                return value == null || value.isNull() ? where + ": expected a value, got nothing" : null;
            case "$absent":
                return value == null || value.isNull() ? null : where + ": expected no value, got " + brief(value);
            case "$contains":
                if (value != null && value.isTextual() && arg.isTextual()) {
                    return value.asText().contains(arg.asText()) ? null
                            : where + ": expected text containing " + brief(arg) + ", got " + brief(value);
                }
                if (value != null && value.isArray()) {
                    for (JsonNode item : value) {
                        if (difference(arg, item, where) == null) {
                            return null;
                        }
                    }
                }
                return where + ": expected something containing " + brief(arg) + ", got " + brief(value);
            case "$regex":
                return value != null && value.isTextual() && Pattern.compile(arg.asText()).matcher(value.asText()).find()
                        ? null : where + ": expected text matching /" + arg.asText() + "/, got " + brief(value);
            default:
                return where + ": unknown matcher " + op + " (use $contains, $regex, $any or $absent)";
        }
    }

    /** A short one-line rendering of a value. */
    static String brief(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String text = n.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
