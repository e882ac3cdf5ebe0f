package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.ToolDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * The MCP tools a plan can call, with their JSON Schemas, for whoever must describe them to a
 * model (the model-driven loop sends these as function tools): the call name
 * ({@code server.tool}), the server's description and its {@code inputSchema}. It reads the
 * discovered tools attached to the plan's servers ({@link McpCache#apply}); a server that was not
 * discovered contributes nothing.
 */
public final class McpToolCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tool: {@code name} as a plan calls it, and its parameters as a JSON Schema object. */
    public record ToolSchema(String name, String server, String tool, String description, JsonNode inputSchema,
                             McpToolInfo info) {
    }

    private final List<ToolSchema> schemas;

    private McpToolCatalog(List<ToolSchema> schemas) {
        this.schemas = List.copyOf(schemas);
    }

    public static McpToolCatalog of(AgentDefinition plan) {
        List<ToolSchema> out = new ArrayList<>();
        for (ToolDecl t : plan.tools()) {
            if (!t.isMcpServer() || t.mcp() == null || t.mcp().discovered() == null) {
                continue;
            }
            for (McpToolInfo info : t.mcp().discovered().values()) {
                out.add(new ToolSchema(t.name() + "." + info.name(), t.name(), info.name(), info.description(),
                        parse(info.inputSchemaJson()), info));
            }
        }
        return new McpToolCatalog(out);
    }

    public List<ToolSchema> schemas() {
        return schemas;
    }

    /** The schema of {@code server.tool}, or null when it is not known. */
    public ToolSchema find(String callName) {
        return schemas.stream().filter(s -> s.name().equals(callName)).findFirst().orElse(null);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode().put("type", "object");
        }
    }
}
