package dev.agentplan.runtime.tools.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolResult;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls one tool of an MCP server: the activity of kind {@code mcp}. Its arguments are what the
 * interpreter sends for {@code server.tool(args)}: {@code server} (the transport, see
 * {@link McpServerConfig}), {@code tool}, {@code arguments}, and {@code plan} (the effect the plan
 * declares and whether a person approved the call).
 *
 * <p>Failures: a result with {@code isError} is a non-retryable {@code McpToolError} (the tool ran
 * and said no); a server that cannot be started or reached, or whose session broke, is a retryable
 * {@code McpUnavailable} and the session is dropped, so the retry starts a new one; a call that
 * does not answer within the attempt's timeout is a retryable {@code Timeout} and its session is
 * dropped too (the server may be wedged); a JSON-RPC error is an {@code McpError}, not retried
 * when it says the request was invalid; a tool the server does not have is a non-retryable
 * {@code McpUnknownTool}. A tool the server marks destructive is refused ({@code ApprovalMissing})
 * unless the plan declared the tool's effect or a person approved the call.
 */
public final class McpTool implements Tool, AutoCloseable {

    /** The key every call passes in {@code _meta}, so a server that wants to can deduplicate. */
    public static final String IDEMPOTENCY_META = "dev.agentplan/idempotency-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McpSessions sessions;

    public McpTool() {
        this(new McpSessions());
    }

    public McpTool(McpSessions sessions) {
        this.sessions = sessions;
    }

    public McpSessions sessions() {
        return sessions;
    }

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.MCP;
    }

    @Override
    public ToolResult invoke(JsonNode args, ToolContext context) throws Exception {
        McpServerConfig server = McpServerConfig.fromJson(args.get("server"));
        if (args.path("list").asBoolean(false)) {
            return list(server, context);
        }
        String tool = args.path("tool").asText("");
        if (tool.isEmpty()) {
            throw ToolFailure.nonRetryable("InvalidArguments", "mcp: the call names no tool");
        }
        JsonNode given = args.get("arguments");
        Map<String, Object> arguments = given == null || given.isNull() ? Map.of()
                : JSON.convertValue(given, new TypeReference<LinkedHashMap<String, Object>>() { });
        Duration attempt = context.attemptTimeout().orElse(ResolvedToolPolicy.DEFAULT_TIMEOUT);
        Duration wait = attempt.minus(margin(attempt));

        McpSession session = open(server, wait);
        McpSchema.Tool described = session.tools().get(tool);
        if (described == null) {
            throw ToolFailure.nonRetryable("McpUnknownTool", "MCP server `" + server.describe() + "` has no tool `" + tool
                    + "`" + dev.agentplan.model.Suggestions.didYouMean(tool, session.tools().keySet()) + "; its tools: " + String.join(", ", session.tools().keySet()));
        }
        refuseUngatedDestructive(described, args.path("plan"), tool);

        Map<String, Object> meta = Map.of(IDEMPOTENCY_META, context.idempotencyKey());
        McpSchema.CallToolResult result;
        try {
            result = session.call(tool, arguments, meta, wait);
        } catch (McpError e) {
            int code = e.getJsonRpcError() == null || e.getJsonRpcError().code() == null ? 0 : e.getJsonRpcError().code();
            boolean invalid = code == McpSchema.ErrorCodes.INVALID_PARAMS || code == McpSchema.ErrorCodes.METHOD_NOT_FOUND
                    || code == McpSchema.ErrorCodes.INVALID_REQUEST;
            throw new ToolFailure("McpError", "MCP server `" + server.describe() + "`, tool `" + tool + "`: "
                    + e.getMessage() + (code == 0 ? "" : " (JSON-RPC error " + code + ")"), !invalid, null, null);
        } catch (RuntimeException e) {
            sessions.discard(session);
            if (isTimeout(e)) {
                throw ToolFailure.retryable("Timeout", "MCP server `" + server.describe() + "` did not answer tool `" + tool
                        + "` within " + DurationText.format(wait) + "; its session was closed, a retry starts a new one");
            }
            throw ToolFailure.retryable("McpUnavailable", "the session with MCP server `" + server.describe()
                    + "` broke during tool `" + tool + "`: " + message(e) + stderr(session)
                    + "; a retry starts a new session");
        }
        ObjectNode value = McpResults.toJson(result);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolFailure("McpToolError", "MCP tool `" + tool + "` returned an error: "
                    + (value.path("text").isTextual() ? value.get("text").asText() : "(no text)"), false, null, value);
        }
        return new ToolResult(value, java.math.BigDecimal.ZERO);
    }

    /**
     * {@code {"server": …, "list": true}}: the server's tools as {@code {tools: [{name, description,
     * inputSchema, annotations}]}}, for a model loop, which lists them at its start as an activity so
     * the workflow does no I/O and replays from the recorded result.
     */
    private ToolResult list(McpServerConfig server, ToolContext context) throws ToolFailure {
        Duration attempt = context.attemptTimeout().orElse(ResolvedToolPolicy.DEFAULT_TIMEOUT);
        McpSession session = open(server, attempt.minus(margin(attempt)));
        ObjectNode out = JSON.createObjectNode();
        var tools = out.putArray("tools");
        for (McpSchema.Tool t : session.tools().values()) {
            var info = McpDiscovery.info(t);
            ObjectNode o = tools.addObject();
            o.put("name", info.name());
            if (info.description() != null) {
                o.put("description", info.description());
            }
            try {
                o.set("inputSchema", JSON.readTree(info.inputSchemaJson()));
            } catch (java.io.IOException e) {
                o.putObject("inputSchema").put("type", "object");
            }
            ObjectNode a = o.putObject("annotations");
            putHint(a, "readOnlyHint", info.readOnlyHint());
            putHint(a, "destructiveHint", info.destructiveHint());
            putHint(a, "idempotentHint", info.idempotentHint());
        }
        return new ToolResult(out, java.math.BigDecimal.ZERO);
    }

    private static void putHint(ObjectNode a, String name, Boolean value) {
        if (value != null) {
            a.put(name, value);
        }
    }

    private McpSession open(McpServerConfig server, Duration wait) throws ToolFailure {
        try {
            return sessions.session(server, wait);
        } catch (RuntimeException e) {
            throw ToolFailure.retryable("McpUnavailable", "cannot start a session with MCP server `" + server.describe()
                    + "`: " + message(e));
        }
    }

    /**
     * The safe default for what validation could not see: a tool the server marks destructive does
     * not run unless the plan said what it does ({@code effect …}: the plan's word wins, visibly)
     * or an approval came before the call.
     */
    private static void refuseUngatedDestructive(McpSchema.Tool tool, JsonNode plan, String name) throws ToolFailure {
        McpSchema.ToolAnnotations a = tool.annotations();
        boolean destructive = a != null && Boolean.TRUE.equals(a.destructiveHint()) && !Boolean.TRUE.equals(a.readOnlyHint());
        if (!destructive) {
            return;
        }
        boolean declared = plan.hasNonNull("effect");
        boolean approved = plan.path("approved").asBoolean(false);
        if (!declared && !approved) {
            throw ToolFailure.nonRetryable("ApprovalMissing", "the MCP server marks tool `" + name
                    + "` destructive, and the plan neither declares its effect nor puts an approval before this call,"
                    + " so it was not run; put an `approve` before the call, and declare `tool " + name
                    + " { effect irreversible }` so validation checks the gate");
        }
    }

    private static Duration margin(Duration attempt) {
        Duration fivePercent = attempt.dividedBy(20);
        Duration margin = fivePercent.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200) : fivePercent;
        return margin.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                : margin.compareTo(attempt.dividedBy(2)) > 0 ? attempt.dividedBy(2) : margin;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || (t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith("Timeout on blocking read"))) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    private static String stderr(McpSession session) {
        String tail = session.stderrTail();
        return tail.isBlank() ? "" : " (its last words: " + (tail.length() > 500 ? tail.substring(tail.length() - 500) : tail) + ")";
    }



    @Override
    public void close() {
        sessions.close();
    }
}
