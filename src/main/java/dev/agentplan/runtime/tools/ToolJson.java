package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON mapper and node factory tools share (results are Jackson 2 trees, like Temporal's payloads). */
public final class ToolJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ToolJson() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }
}
