package dev.agentplan.syntax.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Prints a JSON tree the one canonical way: 2-space indentation, {@code "key": value}, keys in
 * tree order, empty containers as {@code {}} and {@code []}, short lists of scalars on one line,
 * a trailing newline. Deterministic, so the same tree always gives the same bytes.
 */
final class CanonicalJsonPrinter {

    /** Lists of scalars stay on one line while the line stays within this width. */
    private static final int LINE_WIDTH = 100;
    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder();

    private CanonicalJsonPrinter() {
    }

    static String print(JsonNode root) {
        CanonicalJsonPrinter printer = new CanonicalJsonPrinter();
        printer.value(root, 0, 0);
        return printer.out.append('\n').toString();
    }

    /** @param column how many characters are already on the current line */
    private void value(JsonNode node, int depth, int column) {
        if (node.isObject()) {
            object(node, depth);
        } else if (node.isArray()) {
            array(node, depth, column);
        } else {
            out.append(scalar(node));
        }
    }

    private void object(JsonNode node, int depth) {
        if (node.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            indent(depth + 1);
            String key = quote(field.getKey()) + ": ";
            out.append(key);
            value(field.getValue(), depth + 1, INDENT.length() * (depth + 1) + key.length());
            out.append(fields.hasNext() ? ",\n" : "\n");
        }
        indent(depth);
        out.append('}');
    }

    private void array(JsonNode node, int depth, int column) {
        if (node.isEmpty()) {
            out.append("[]");
            return;
        }
        String inline = inlineScalars(node);
        if (inline != null && column + inline.length() + 1 <= LINE_WIDTH) {
            out.append(inline);
            return;
        }
        out.append("[\n");
        for (int i = 0; i < node.size(); i++) {
            indent(depth + 1);
            value(node.get(i), depth + 1, INDENT.length() * (depth + 1));
            out.append(i + 1 < node.size() ? ",\n" : "\n");
        }
        indent(depth);
        out.append(']');
    }

    /** {@code ["a", "b"]} when every item is a scalar, else null. */
    private static String inlineScalars(JsonNode node) {
        StringBuilder line = new StringBuilder("[");
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isContainerNode()) {
                return null;
            }
            line.append(i == 0 ? "" : ", ").append(scalar(item));
            if (line.length() > LINE_WIDTH) {
                return null;
            }
        }
        return line.append(']').toString();
    }

    private static String scalar(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toString();
        }
        if (node.isNumber()) {
            return node.numberValue().toString();
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "true" : "false";
        }
        return "null";
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private void indent(int depth) {
        out.append(INDENT.repeat(depth));
    }
}
