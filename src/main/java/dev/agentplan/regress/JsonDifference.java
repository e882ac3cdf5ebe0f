package dev.agentplan.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Exact comparison of two JSON values, naming the first place they differ. Numbers compare by
 * value (80 equals 80.0), and secret references compare by the secret's name: their tag is drawn
 * from each run's own id, so the same {@code secret("KEY")} reads differently in two runs.
 */
final class JsonDifference {

    private static final Pattern SECRET_REF = Pattern.compile("\\{\\{secret:[^:}]+:([^}]+)}}");

    private JsonDifference() {
    }

    /** Null when equal; else {@code body.amount: 80 ≠ 120}. */
    static String of(JsonNode a, JsonNode b, String path) {
        a = a == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : a;
        b = b == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : b;
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? null : at(path, a, b);
        }
        if (a.isTextual() && b.isTextual()) {
            return normal(a.asText()).equals(normal(b.asText())) ? null : at(path, a, b);
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!a.has(n) || !b.has(n)) {
                    return (path.isEmpty() ? "" : path + ".") + n + ": " + (a.has(n) ? a.get(n) + " ≠ (absent)" : "(absent) ≠ " + b.get(n));
                }
                String d = of(a.get(n), b.get(n), path.isEmpty() ? n : path + "." + n);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                if (i >= a.size() || i >= b.size()) {
                    return path + ": " + a.size() + " items ≠ " + b.size() + " items";
                }
                String d = of(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return a.equals(b) ? null : at(path, a, b);
    }

    static boolean same(JsonNode a, JsonNode b) {
        return of(a, b, "") == null;
    }

    private static String normal(String text) {
        return SECRET_REF.matcher(text).replaceAll("{{secret:$1}}");
    }

    private static String at(String path, JsonNode a, JsonNode b) {
        return (path.isEmpty() ? "" : path + ": ") + shorten(a) + " ≠ " + shorten(b);
    }

    private static String shorten(JsonNode v) {
        String s = v instanceof TextNode t ? "\"" + normal(t.asText()) + "\"" : v.toString();
        return s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }

}
