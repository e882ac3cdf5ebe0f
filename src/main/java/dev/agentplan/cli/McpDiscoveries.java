package dev.agentplan.cli;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.runtime.tools.mcp.McpCache;
import dev.agentplan.runtime.tools.mcp.McpDiscovery;
import dev.agentplan.syntax.ExpressionText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CLI's use of MCP discovery: fetch and cache beside the plan, or read the cache (offline). */
final class McpDiscoveries {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private McpDiscoveries() {
    }

    static Map<String, String> declarations(AgentDefinition plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ToolDecl t : plan.tools()) {
            if (t.isMcpServer() && t.mcp() != null) {
                out.put(t.name(), McpCache.declared(t, ExpressionText::print));
            }
        }
        return out;
    }

    static boolean hasServers(AgentDefinition plan) {
        return plan != null && !declarations(plan).isEmpty();
    }

    /** The plan with the cached tools of its servers, if a cache beside it has them. */
    static AgentDefinition withCache(Path planFile, AgentDefinition plan) {
        if (!hasServers(plan)) {
            return plan;
        }
        return McpCache.apply(plan, McpCache.read(McpCache.beside(planFile), declarations(plan)));
    }

    /** Starts every server the plan declares, lists its tools and writes the cache beside the plan. */
    static List<McpDiscovery.Found> refresh(Path planFile, AgentDefinition plan) throws IOException {
        List<McpDiscovery.Found> found = McpDiscovery.discover(plan, TIMEOUT);
        if (found.stream().anyMatch(f -> f.error() == null)) {
            McpCache.write(McpCache.beside(planFile), declarations(plan), found);
        }
        return found;
    }
}
