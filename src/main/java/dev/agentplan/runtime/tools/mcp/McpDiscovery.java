package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.McpServer;
import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.runtime.eval.Bindings;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.secrets.SecretResolver;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the tool lists of a plan's MCP servers ({@code tools list --mcp}, {@code validate --discover}):
 * starts each server as a worker would (secrets from this machine's sources, inputs at their
 * defaults), lists its tools and closes the session.
 */
public final class McpDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One server's outcome: its tools, or why they could not be fetched. */
    public record Found(String server, String transport, Map<String, McpToolInfo> tools, String error) {
    }

    private McpDiscovery() {
    }

    public static List<Found> discover(AgentDefinition plan, Duration timeout) {
        WorkerConfig config = WorkerConfig.fromEnvironment();
        SecretResolver secrets = SecretResolver.discover(config);
        List<Found> out = new ArrayList<>();
        for (ToolDecl t : plan.tools()) {
            if (!t.isMcpServer() || t.mcp() == null) {
                continue;
            }
            McpServerConfig server;
            try {
                server = McpServerConfig.fromJson(serverJson(t.mcp(), plan, secrets));
            } catch (ToolFailure | RuntimeException e) {
                out.add(new Found(t.name(), null, Map.of(), e.getMessage()));
                continue;
            }
            try (McpSession session = McpSession.open(server, timeout)) {
                out.add(new Found(t.name(), server.describe(), infos(session.tools()), null));
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                out.add(new Found(t.name(), server.describe(), Map.of(), "cannot list the tools of MCP server `"
                        + server.describe() + "`: " + why));
            }
        }
        return out;
    }

    /** The server's transport evaluated here: secret("NAME") becomes the value, input.x its default. */
    private static JsonNode serverJson(McpServer mcp, AgentDefinition plan, SecretResolver secrets) {
        Evaluator evaluator = new Evaluator(System::currentTimeMillis, name -> {
            try {
                return secrets.resolve(name);
            } catch (ToolFailure e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        });
        ObjectNode inputs = ToolJson.object();
        for (InputDecl in : plan.inputs()) {
            if (in.defaultValue() != null) {
                inputs.set(in.name(), evaluator.evaluate(in.defaultValue(), Bindings.of(ToolJson.object(), Map.of())));
            }
        }
        Bindings scope = Bindings.of(inputs, Map.of());
        ObjectNode out = ToolJson.object();
        if (mcp.stdio()) {
            for (Expr e : mcp.command()) {
                out.withArray("command").add(evaluator.evaluate(e, scope));
            }
            ObjectNode env = out.putObject("env");
            mcp.env().forEach((k, v) -> env.set(k, evaluator.evaluate(v, scope)));
        } else {
            out.set("url", evaluator.evaluate(mcp.url(), scope));
            ObjectNode headers = out.putObject("headers");
            mcp.headers().forEach((k, v) -> headers.set(k, evaluator.evaluate(v, scope)));
        }
        return out;
    }

    static Map<String, McpToolInfo> infos(Map<String, McpSchema.Tool> tools) {
        Map<String, McpToolInfo> out = new LinkedHashMap<>();
        tools.forEach((name, t) -> out.put(name, info(t)));
        return out;
    }

    static McpToolInfo info(McpSchema.Tool t) {
        Map<String, Object> schema = t.inputSchema() == null ? Map.of("type", "object") : t.inputSchema();
        JsonNode s = JSON.valueToTree(schema);
        List<String> properties = new ArrayList<>();
        s.path("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        JsonNode additional = s.get("additionalProperties");
        // Names the schema does not list are taken as misspellings unless it says it takes others
        // (JSON Schema's default would allow them, which would hide every typo).
        boolean open = additional == null ? !s.has("properties")
                : !(additional.isBoolean() && !additional.booleanValue());
        McpSchema.ToolAnnotations a = t.annotations();
        return new McpToolInfo(t.name(), t.description(), s.toString(), properties, required,
                a == null ? null : a.readOnlyHint(), a == null ? null : a.destructiveHint(),
                a == null ? null : a.idempotentHint(), open);
    }
}
