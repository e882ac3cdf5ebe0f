package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Keeps values that travel through Temporal small. A payload over the server's limit (2 MiB by
 * default) fails the activity task on every attempt, so an oversized value is replaced by
 * {@code {"truncated": true, "bytes": N, "preview": "…"}} where N is its serialized size.
 *
 * <p>Tool results are stricter ({@link #checkResult}): a result over the cap, or one the tool
 * itself marks {@code "truncated": true} (an HTTP body or program output cut at the tool's own
 * cap), fails the call with the non-retryable {@value #RESULT_TOO_LARGE}, so a plan never reads
 * incomplete data as if it were whole. A call that passes {@code accept_truncated: true} gets the
 * truncated result (or the marker) instead and must look at {@code truncated} itself.
 */
public final class JsonSizeCap {

    /** The largest tool result passed on as is ({@link dev.agentplan.runtime.limits.Limits#TOOL_RESULT_MAX_BYTES}). */
    public static final int MAX_RESULT_BYTES = dev.agentplan.runtime.limits.Limits.TOOL_RESULT_MAX_BYTES;

    /** The largest failure details passed on as is. */
    public static final int MAX_DETAILS_BYTES = dev.agentplan.runtime.limits.Limits.TOOL_DETAILS_MAX_BYTES;

    /** The failure type of a result too large or truncated (catchable in plans). */
    public static final String RESULT_TOO_LARGE = "ResultTooLarge";

    /** The call argument (boolean) that accepts a truncated result instead of failing; tools never see it. */
    public static final String ACCEPT_TRUNCATED = "accept_truncated";

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

    /**
     * A tool's result as the plan gets it: whole, or (only when the call accepts truncation) cut.
     *
     * @throws ToolFailure {@value #RESULT_TOO_LARGE}, not retryable, naming the tool, the size and the cap
     */
    public static JsonNode checkResult(String tool, String kind, JsonNode value, boolean acceptTruncated)
            throws ToolFailure {
        JsonNode bounded = bound(value, MAX_RESULT_BYTES);
        if (acceptTruncated) {
            return bounded;
        }
        String name = "tool '" + tool + "' (" + kind + ")";
        if (bounded != value) {
            long bytes = bounded.get("bytes").asLong();
            throw new ToolFailure(RESULT_TOO_LARGE, name + " returned " + dev.agentplan.runtime.limits.Limits.bytes(bytes)
                    + ", over the limit of " + dev.agentplan.runtime.limits.Limits.bytes(MAX_RESULT_BYTES)
                    + " for a tool result; ask for less (a page, a filter), or pass " + ACCEPT_TRUNCATED
                    + ": true to get {truncated, bytes, preview} instead", false, null,
                    details(tool, kind).put("bytes", bytes).put("cap", MAX_RESULT_BYTES));
        }
        if (value != null && value.isObject() && value.path("truncated").asBoolean(false)) {
            throw new ToolFailure(RESULT_TOO_LARGE, name + " returned a truncated result (the tool cut it at its own"
                    + " cap); ask for less, or pass " + ACCEPT_TRUNCATED + ": true to take the cut result and check"
                    + " its 'truncated' field", false, null, details(tool, kind).put("truncated", true));
        }
        return value;
    }

    private static ObjectNode details(String tool, String kind) {
        ObjectNode d = ToolJson.object();
        d.put("tool", tool);
        d.put("kind", kind);
        return d;
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
