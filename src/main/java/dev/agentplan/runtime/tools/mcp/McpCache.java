package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.ToolDecl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What discovery fetched, kept beside the plan as {@code NAME.mcp-cache.json} (for {@code NAME.agent}
 * or {@code NAME.json}), so plain {@code validate} checks MCP calls offline. Per server: the
 * transport it was fetched from (a server whose declaration changed since is not used) and each
 * tool's description, {@code inputSchema} and annotations.
 */
public final class McpCache {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SUFFIX = ".mcp-cache.json";

    private McpCache() {
    }

    public static Path beside(Path plan) {
        String name = plan.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return plan.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
    }

    /** The key a server's declaration is cached under: its transport as written in the plan. */
    public static String declared(ToolDecl server, java.util.function.Function<dev.agentplan.model.Expr, String> print) {
        StringBuilder out = new StringBuilder();
        server.mcp().command().forEach(e -> out.append("command ").append(print.apply(e)).append('\n'));
        server.mcp().env().forEach((k, v) -> out.append("env ").append(k).append('=').append(print.apply(v)).append('\n'));
        if (server.mcp().url() != null) {
            out.append("url ").append(print.apply(server.mcp().url())).append('\n');
        }
        server.mcp().headers().forEach((k, v) -> out.append("header ").append(k).append('=').append(print.apply(v)).append('\n'));
        return out.toString();
    }

    public static void write(Path file, Map<String, String> declarations, List<McpDiscovery.Found> found) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("note", "written by agentplan tools list --mcp / validate --discover; safe to delete");
        ObjectNode servers = root.putObject("servers");
        for (McpDiscovery.Found f : found) {
            if (f.error() != null) {
                continue;
            }
            ObjectNode s = servers.putObject(f.server());
            s.put("declared", declarations.get(f.server()));
            s.put("transport", f.transport());
            ArrayNode tools = s.putArray("tools");
            for (McpToolInfo t : f.tools().values()) {
                ObjectNode o = tools.addObject();
                o.put("name", t.name());
                if (t.description() != null) {
                    o.put("description", t.description());
                }
                o.set("inputSchema", JSON.readTree(t.inputSchemaJson()));
                ObjectNode a = o.putObject("annotations");
                putHint(a, "readOnlyHint", t.readOnlyHint());
                putHint(a, "destructiveHint", t.destructiveHint());
                putHint(a, "idempotentHint", t.idempotentHint());
            }
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static void putHint(ObjectNode a, String name, Boolean value) {
        if (value != null) {
            a.put(name, value);
        }
    }

    /** Each cached server's tools, by server name; servers whose declaration changed are left out. */
    public static Map<String, Map<String, McpToolInfo>> read(Path file, Map<String, String> declarations) {
        Map<String, Map<String, McpToolInfo>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException unreadable) {
            return out; // a damaged cache is as good as none: validate stays offline and lenient
        }
        root.path("servers").fields().forEachRemaining(e -> {
            String declared = declarations.get(e.getKey());
            if (declared == null || !declared.equals(e.getValue().path("declared").asText(null))) {
                return;
            }
            Map<String, McpToolInfo> tools = new LinkedHashMap<>();
            for (JsonNode t : e.getValue().path("tools")) {
                tools.put(t.path("name").asText(), info(t));
            }
            out.put(e.getKey(), tools);
        });
        return out;
    }

    /** One tool as written here (and as a model loop's listing returns it): name, description, inputSchema, annotations. */
    public static McpToolInfo info(JsonNode t) {
        JsonNode s = t.path("inputSchema");
        List<String> properties = new ArrayList<>();
        s.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        JsonNode additional = s.get("additionalProperties");
        boolean open = additional == null ? !s.has("properties") : !(additional.isBoolean() && !additional.booleanValue());
        JsonNode a = t.path("annotations");
        return new McpToolInfo(t.path("name").asText(), t.path("description").asText(null), s.toString(), properties,
                required, hint(a, "readOnlyHint"), hint(a, "destructiveHint"), hint(a, "idempotentHint"), open);
    }

    private static Boolean hint(JsonNode a, String name) {
        JsonNode v = a.get(name);
        return v == null || !v.isBoolean() ? null : v.booleanValue();
    }

    /** The plan with each cached server's tools attached (for validation; never encoded). */
    public static AgentDefinition apply(AgentDefinition plan, Map<String, Map<String, McpToolInfo>> cached) {
        if (cached.isEmpty()) {
            return plan;
        }
        List<ToolDecl> tools = new ArrayList<>();
        for (ToolDecl t : plan.tools()) {
            Map<String, McpToolInfo> found = t.isMcpServer() && t.mcp() != null ? cached.get(t.name()) : null;
            tools.add(found == null ? t : new ToolDecl(t.name(), t.kind(), t.policy(), t.span(), t.mcp().withDiscovered(found), null));
        }
        return new AgentDefinition(plan.name(), plan.description(), plan.inputs(), plan.toolDefaults(), tools,
                plan.budget(), plan.steps(), plan.output(), plan.span(), plan.handlers());
    }
}
