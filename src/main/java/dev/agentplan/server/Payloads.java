package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/** Reads values out of history payloads with the converter runs are written with (see PayloadEncryption). */
final class Payloads {

    private Payloads() {
    }

    /** The {@code index}-th value, or null when absent or unreadable as {@code type}. */
    static <T> T read(io.temporal.api.common.v1.Payloads payloads, int index, Class<T> type) {
        if (payloads == null || payloads.getPayloadsCount() <= index) {
            return null;
        }
        try {
            return PayloadEncryption.dataConverter().fromPayloads(index, Optional.of(payloads), type, type);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    static JsonNode json(io.temporal.api.common.v1.Payloads payloads, int index) {
        JsonNode node = read(payloads, index, JsonNode.class);
        return node == null ? NullNode.getInstance() : node;
    }

    /** One payload as text (a command's summary), or null when unreadable. */
    static String text(io.temporal.api.common.v1.Payload payload) {
        try {
            return PayloadEncryption.dataConverter().fromPayload(payload, String.class, String.class);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
