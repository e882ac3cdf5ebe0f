package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.ToolJson;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;

/**
 * An MCP tool result as a plan reads it: {@code text} (the text items joined by line breaks; empty,
 * never null, when there are none, so {@code contains} or {@code lower} on it cannot fail at run time), {@code content} (every item as the protocol gives it), {@code structured} (the
 * structured content, when the tool returns one) and {@code is_error}.
 */
final class McpResults {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JacksonMcpJsonMapper WIRE = new JacksonMcpJsonMapper(PLAIN);

    private McpResults() {
    }

    static ObjectNode toJson(McpSchema.CallToolResult result) {
        ObjectNode out = ToolJson.object();
        StringBuilder text = new StringBuilder();
        ArrayNode content = out.putArray("content");
        if (result.content() != null) {
            for (McpSchema.Content c : result.content()) {
                content.add(wire(c));
                if (c instanceof McpSchema.TextContent t && t.text() != null) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(t.text());
                }
            }
        }
        out.put("text", text.toString());
        if (result.structuredContent() != null) {
            out.set("structured", PLAIN.valueToTree(result.structuredContent()));
        }
        out.put("is_error", Boolean.TRUE.equals(result.isError()));
        return out;
    }

    private static JsonNode wire(Object value) {
        try {
            return PLAIN.readTree(WIRE.writeValueAsString(value));
        } catch (IOException e) {
            return ToolJson.NODES.textNode(String.valueOf(value));
        }
    }
}
