package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.IntentRecord;
import java.util.List;

/**
 * What the intent handlers carry through continue-as-new (their variables travel with the other
 * variables): signals waiting for their handler's block, and the recent events for status.
 */
public record IntentState(List<Buffered> buffered, List<IntentRecord> recent) {

    /** A signal that arrived while no block of its handler was running (the latest per name is kept). */
    public record Buffered(String name, JsonNode payload, String by, String at) {
    }
}
