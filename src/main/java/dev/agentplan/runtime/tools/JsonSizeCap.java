package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Keeps values that travel through Temporal small. A payload over the server's limit (2 MiB by
 * default) fails the activity task on every attempt, so an oversized value is replaced by
 * {@code {"truncated": true, "bytes": N, "preview": "…"}} where N is its serialized size.
 */
public final class JsonSizeCap {

    /** The largest tool result passed on as is. */
    public static final int MAX_RESULT_BYTES = 256 * 1024;

    /** The largest failure details passed on as is. */
    public static final int MAX_DETAILS_BYTES = 16 * 1024;

    /** Characters of the serialized value kept in the marker. */
    public static final int PREVIEW_CHARS = 2048;

    private JsonSizeCap() {
    }

    public static JsonNode bound(JsonNode value, int maxBytes) {
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = ToolJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool value cannot be serialized: " + e.getOriginalMessage(), e);
        }
        // UTF-8 is at most 3 bytes per char, so short texts need no byte count.
        if ((long) text.length() * 3 <= maxBytes) {
            return value;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= maxBytes) {
            return value;
        }
        ObjectNode marker = ToolJson.object();
        marker.put("truncated", true);
        marker.put("bytes", bytes);
        marker.put("preview", text.substring(0, Math.min(PREVIEW_CHARS, text.length())));
        return marker;
    }

    /** {@link #bound} for any JSON-serialisable value (failure details). */
    public static Object boundAny(Object value, int maxBytes) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode node ? node : ToolJson.MAPPER.valueToTree(value);
        return bound(tree, maxBytes);
    }
}
