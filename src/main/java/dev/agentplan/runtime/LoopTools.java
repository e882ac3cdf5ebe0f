package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.runtime.eval.Values;
import dev.agentplan.runtime.tools.mcp.McpCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools one model loop offers: each plan-declared tool as written, and each MCP tool
 * ({@code fs.read_text_file}, or every tool of a server named alone, {@code fs}) with the server's
 * description, {@code inputSchema} and annotations.
 *
 * <p>Where MCP schemas come from: an activity that lists the server's tools when the loop starts
 * (the {@code mcp} activity with {@code list: true}), not the discovery cache folded into the
 * pinned plan. The cache is optional, may be stale against the server the worker really starts,
 * and would make deploy depend on starting servers; the listing is what the worker's session will
 * call, and as an activity result it is recorded in history, so replay sees the same schemas
 * without I/O. Loops without MCP tools list nothing, so their commands are unchanged.
 */
final class LoopTools {

    /**
     * One offered tool.
     *
     * @param name as the plan and the audit name it ({@code search}, {@code fs.read_text_file})
     * @param function as the model sees it: OpenAI function names allow no dot, so {@code fs__read_text_file}
     * @param decl for gating and options, with the listed annotations applied to an MCP tool
     * @param plain the declaration without the listing: what the plan itself says (the worker's check)
     * @param schema the inputSchema of an MCP tool, or null for a plan-declared tool (its kind describes it)
     */
    record Offered(String name, String function, ToolDecl decl, ToolDecl plain, ObjectNode schema, String description) {
        boolean mcp() {
            return plain.mcpTool() != null;
        }
    }

    private final Map<String, Offered> byFunction = new LinkedHashMap<>();
    private final Map<String, Offered> byName = new LinkedHashMap<>();

    interface Lister {
        /** The recorded result of listing {@code server}'s tools: {@code {tools: [...]}}. */
        JsonNode list(ToolDecl server);
    }

    static LoopTools of(List<String> names, java.util.function.Function<String, ToolDecl> declared, Lister lister,
                        String where) {
        LoopTools out = new LoopTools();
        Map<String, Map<String, McpToolInfo>> listed = new LinkedHashMap<>();
        for (String name : names) {
            ToolDecl decl = declared.apply(name);
            if (!ToolDecl.MCP_KIND.equals(decl.kind())) {
                out.add(new Offered(name, name, decl, decl, null, null));
                continue;
            }
            String serverName = decl.isMcpServer() ? decl.name() : name.substring(0, name.indexOf('.'));
            ToolDecl server = declared.apply(serverName);
            Map<String, McpToolInfo> tools = listed.computeIfAbsent(serverName, s -> infos(lister.list(server)));
            List<String> wanted = decl.isMcpServer() ? new ArrayList<>(tools.keySet()) : List.of(decl.mcpTool());
            for (String tool : wanted) {
                McpToolInfo info = tools.get(tool);
                if (info == null) {
                    throw new IllegalArgumentException("the model loop at " + where + " allows `" + name
                            + "`, but MCP server `" + serverName + "` has no tool `" + tool + "`; its tools: "
                            + String.join(", ", tools.keySet()));
                }
                ToolDecl withHints = new ToolDecl(server.name(), server.kind(), server.policy(), server.span(),
                        server.mcp().withDiscovered(tools), null).mcpToolDecl(tool);
                ObjectNode schema = schema(info.inputSchemaJson());
                schema.remove("$schema"); // a model endpoint wants the schema, not its dialect
                out.add(new Offered(withHints.name(), serverName + "__" + tool, withHints, server.mcpToolDecl(tool),
                        schema, info.description()));
            }
        }
        return out;
    }

    private static ObjectNode schema(String json) {
        try {
            if (json != null && Values.fromJson(json) instanceof ObjectNode o) {
                return o;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            // a schema we cannot read checks nothing: the server still checks the call
        }
        return Values.NODES.objectNode().put("type", "object");
    }

    private static Map<String, McpToolInfo> infos(JsonNode listing) {
        Map<String, McpToolInfo> out = new LinkedHashMap<>();
        for (JsonNode t : listing.path("tools")) {
            out.put(t.path("name").asText(), McpCache.info(t));
        }
        return out;
    }

    private void add(Offered o) {
        byName.putIfAbsent(o.name(), o);
        byFunction.putIfAbsent(o.function(), o);
    }

    List<Offered> all() {
        return List.copyOf(byName.values());
    }

    /** The tool a model named, by its function name or by the plan's name for it; null when none is offered. */
    Offered find(String name) {
        Offered o = byFunction.get(name);
        return o != null ? o : byName.get(name);
    }

    String functionNames() {
        return String.join(", ", byFunction.keySet());
    }
}
