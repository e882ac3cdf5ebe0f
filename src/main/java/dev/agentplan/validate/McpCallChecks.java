package dev.agentplan.validate;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Expr;
import dev.agentplan.model.McpServer;
import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.Step;
import dev.agentplan.model.Suggestions;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls of MCP tools against what discovery found ({@code validate --discover} or the cache beside
 * the plan): the tool's name and the argument names against its {@code inputSchema}. A server
 * that was not discovered is not checked: unknown names are then not an error.
 */
final class McpCallChecks {

    private McpCallChecks() {
    }

    static void check(Step.ToolCall call, ToolDecl tool, String who, Findings out) {
        Map<String, McpToolInfo> discovered = tool.mcp() == null ? null : tool.mcp().discovered();
        if (discovered == null) {
            return;
        }
        String server = tool.name().substring(0, tool.name().length() - tool.mcpTool().length() - 1);
        McpToolInfo info = discovered.get(tool.mcpTool());
        if (info == null) {
            out.error(ValidationCodes.UNKNOWN_MCP_TOOL, call.span(), who + "MCP server `" + server + "` has no tool `"
                            + tool.mcpTool() + "`" + Suggestions.didYouMean(tool.mcpTool(), discovered.keySet()),
                    "its tools are: " + String.join(", ", discovered.keySet())
                            + " (from discovery; `validate --discover` fetches them again)");
            return;
        }
        List<String> accepted = info.properties();
        if (!info.additionalProperties()) {
            for (Map.Entry<String, Expr> arg : call.args().entrySet()) {
                if (!accepted.contains(arg.getKey())) {
                    out.error(ValidationCodes.UNKNOWN_MCP_ARGUMENT, arg.getValue().span(), who + "`" + call.tool()
                                    + "` has no argument `" + arg.getKey() + "`" + Suggestions.didYouMean(arg.getKey(), accepted),
                            accepted.isEmpty() ? "its inputSchema lists no arguments"
                                    : "its inputSchema lists: " + String.join(", ", accepted));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String r : info.required()) {
            if (!call.args().containsKey(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            out.error(ValidationCodes.MISSING_MCP_ARGUMENT, call.span(), who + "`" + call.tool() + "` needs "
                            + (missing.size() == 1 ? "the argument `" : "the arguments `") + String.join("`, `", missing) + "`",
                    "its inputSchema requires: " + String.join(", ", info.required()));
        }
    }

    /** A plan that declares a discovered destructive tool a read or a write: allowed, but said. */
    static void declarations(AgentDefinition definition, Findings out) {
        for (ToolDecl server : definition.tools()) {
            McpServer mcp = server.mcp();
            if (!server.isMcpServer() || mcp == null || mcp.discovered() == null) {
                continue;
            }
            for (McpToolInfo info : mcp.discovered().values()) {
                McpServer.ToolOverride o = mcp.override(info.name());
                ToolPolicy planned = (o == null ? server.policy() : o.policy().orElse(server.policy()))
                        .orElse(definition.toolDefaults());
                Effect annotated = info.annotationPolicy().effect();
                if (annotated == Effect.IRREVERSIBLE && planned.effect() != null && planned.effect() != Effect.IRREVERSIBLE) {
                    out.warning(ValidationCodes.MCP_EFFECT_OVERRIDE, o != null ? o.span() : server.span(), "the plan declares `effect "
                                    + planned.effect().keyword() + "` for `" + server.name() + "." + info.name()
                                    + "`, which the server marks destructive; the plan's effect wins, so its calls need no approval",
                            "to gate it, write `tool " + info.name() + " { effect irreversible }` in `" + server.name()
                                    + "` and put an `approve` before its calls");
                }
            }
        }
    }
}
