package dev.agentplan.repository;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Metadata files that carry their own checksum: a {@code checksum} field holding the sha256 of
 * the object's compact JSON without that field. A hand edit (another author, a changed sha256)
 * no longer matches and is reported instead of trusted. White space is free to change.
 */
final class SealedJson {

    static final String CHECKSUM = "checksum";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private SealedJson() {
    }

    /** Adds the checksum and returns the object as pretty JSON bytes ending in a newline. */
    static byte[] seal(ObjectNode node) {
        node.remove(CHECKSUM);
        node.put(CHECKSUM, checksumOf(node));
        try {
            return (MAPPER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise repository metadata", e);
        }
    }

    /** Adds the checksum and returns the object as one compact line (no newline). */
    static String sealLine(ObjectNode node) {
        node.remove(CHECKSUM);
        node.put(CHECKSUM, checksumOf(node));
        return compact(node);
    }

    /**
     * Parses and verifies a sealed object; {@code what} names the file for messages and
     * {@code remedy} tells the user what to do when it is damaged.
     */
    static ObjectNode open(byte[] bytes, String what, String remedy) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new RepositoryException(what + " is not valid JSON (truncated or edited by hand); " + remedy);
        }
        if (!(tree instanceof ObjectNode node)) {
            throw new RepositoryException(what + " is not a JSON object (edited by hand?); " + remedy);
        }
        JsonNode stored = node.get(CHECKSUM);
        if (stored == null || !stored.isTextual()) {
            throw new RepositoryException(what + " has no checksum (edited by hand?); " + remedy);
        }
        ObjectNode content = node.deepCopy();
        content.remove(CHECKSUM);
        if (!checksumOf(content).equals(stored.asText())) {
            throw new RepositoryException(what + " does not match its checksum (edited by hand or damaged); " + remedy);
        }
        return content;
    }

    private static String checksumOf(ObjectNode withoutChecksum) {
        return Sha256.of(compact(withoutChecksum));
    }

    private static String compact(ObjectNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise repository metadata", e);
        }
    }

    // Typed field access: a sealed file with a bad field was produced by a buggy or foreign writer.

    static String text(ObjectNode node, String field, String what, boolean optional) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (optional) {
                return null;
            }
        } else if (value.isTextual()) {
            return value.asText();
        }
        throw new RepositoryException(what + ": field '" + field + "' is missing or not a string; "
                + "the file was written by an incompatible tool");
    }

    static int integer(ObjectNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new RepositoryException(what + ": field '" + field + "' is missing or not an integer; "
                    + "the file was written by an incompatible tool");
        }
        return value.asInt();
    }

    static Integer optionalInteger(ObjectNode node, String field, String what) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : integer(node, field, what);
    }

    static Instant instant(ObjectNode node, String field, String what) {
        String value = text(node, field, what, false);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RepositoryException(what + ": field '" + field + "' is not an ISO-8601 instant: " + value);
        }
    }
}
