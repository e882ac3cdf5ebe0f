package dev.agentplan.runtime.tools.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces known secret values with {@code [REDACTED:NAME]} in everything a call hands back
 * (results, failure messages and details, heartbeats). Each value is also looked for in the forms
 * an upstream may echo it in: percent-encoded, form-encoded and JSON-escaped.
 */
public final class Redactor {

    /** The shortest start of a value that is redacted at the end of a text. */
    static final int MIN_TAIL = 4;

    private final Map<String, String> namesByText = new LinkedHashMap<>();

    /** Remembers a value; empty values are ignored (there is nothing to hide). */
    public synchronized void add(String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String marker = marker(name);
        namesByText.putIfAbsent(value, marker);
        namesByText.putIfAbsent(UrlText.encodeComponent(value), marker);
        namesByText.putIfAbsent(URLEncoder.encode(value, StandardCharsets.UTF_8), marker);
        try {
            String json = ToolJson.MAPPER.writeValueAsString(value);
            namesByText.putIfAbsent(json.substring(1, json.length() - 1), marker);
        } catch (JsonProcessingException cannotHappen) {
            // a String always serialises
        }
    }

    public static String marker(String name) {
        return "[REDACTED:" + name + "]";
    }

    public synchronized boolean isEmpty() {
        return namesByText.isEmpty();
    }

    /** Whether {@code text} contains a known value. */
    public synchronized boolean reveals(String text) {
        if (text == null) {
            return false;
        }
        for (String value : namesByText.keySet()) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    public synchronized String redact(String text) {
        if (text == null || namesByText.isEmpty()) {
            return text;
        }
        String out = text;
        // longest first, so a value that contains another is replaced whole
        var ordered = namesByText.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
                .toList();
        for (Map.Entry<String, String> e : ordered) {
            if (out.contains(e.getKey())) {
                out = out.replace(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : ordered) {
            out = cutTail(out, e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * A text cut short (a truncated body, an error preview) may end in the first part of a value:
     * that part goes too, when it is at least {@link #MIN_TAIL} characters long.
     */
    private static String cutTail(String text, String value, String marker) {
        for (int k = Math.min(value.length() - 1, text.length()); k >= MIN_TAIL; k--) {
            if (text.regionMatches(text.length() - k, value, 0, k)) {
                return text.substring(0, text.length() - k) + marker;
            }
        }
        return text;
    }

    /** A redacted copy (the original is not changed); object keys are redacted too. */
    public JsonNode redact(JsonNode value) {
        if (value == null || isEmpty()) {
            return value;
        }
        if (value.isTextual()) {
            String text = value.textValue();
            String clean = redact(text);
            return clean.equals(text) ? value : ToolJson.NODES.textNode(clean);
        }
        if (value.isArray()) {
            ArrayNode out = ToolJson.NODES.arrayNode();
            value.forEach(item -> out.add(redact(item)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = ToolJson.object();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(redact(f.getKey()), redact(f.getValue()));
            }
            return out;
        }
        return value;
    }

    /** {@link #redact(JsonNode)} of any JSON-serialisable value (failure and heartbeat details). */
    public Object redactAny(Object value) {
        if (value == null || isEmpty()) {
            return value;
        }
        if (value instanceof String s) {
            return redact(s);
        }
        JsonNode tree = value instanceof JsonNode node ? node : ToolJson.MAPPER.valueToTree(value);
        return redact(tree);
    }

    public ToolFailure redact(ToolFailure failure) {
        if (isEmpty()) {
            return failure;
        }
        ToolFailure clean = new ToolFailure(failure.type(), redact(failure.getMessage()), failure.retryable(),
                failure.retryAfter(), redactAny(failure.details()));
        return clean;
    }
}
