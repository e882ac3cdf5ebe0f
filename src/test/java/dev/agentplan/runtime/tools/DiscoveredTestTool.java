package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import java.util.List;

/** A plugin tool found through META-INF/services in {@link ToolRegistryTest}. */
public final class DiscoveredTestTool implements Tool {

    @Override
    public ToolKind kind() {
        return new ToolKind("acme.greet", "Greets", List.of(), true, Effect.READ, false);
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) {
        return ToolResult.of(ToolJson.NODES.textNode("hello " + arguments.path("name").asText()));
    }
}
