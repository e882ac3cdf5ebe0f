package dev.agentplan.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event for an intent handler ({@code on signal|update "name"}), as {@code agentplan signal}
 * and {@code agentplan update} send it.
 *
 * @param payload the value the handler binds (checked against its declared type)
 * @param by who sent it (the client's identity), kept in the run's status and audit
 */
public record IntentEvent(String name, JsonNode payload, String by) {
}
