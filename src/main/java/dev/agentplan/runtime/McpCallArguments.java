package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Expr;
import dev.agentplan.model.McpServer;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.eval.Values;
import java.util.Map;

/**
 * The activity input of {@code server.tool(args)}: the server's transport evaluated where the call
 * runs (so {@code secret("…")} references and inputs work; the activity resolves the references),
 * the server's name for the tool, the evaluated arguments, and what the plan said about the call
 * (its declared effect, whether a person approved it) for the worker's check of destructive tools.
 */
final class McpCallArguments {

    private McpCallArguments() {
    }

    static ObjectNode of(Evaluator evaluator, ToolDecl decl, ToolPolicy policy, Map<String, Expr> args, Scope scope,
                         boolean approved) {
        return ofValues(evaluator, decl, policy, ToolCalls.arguments(evaluator, args, scope), scope, approved);
    }

    /** A model loop's call: {@code arguments} are the model's, already checked against the tool's inputSchema. */
    static ObjectNode ofValues(Evaluator evaluator, ToolDecl decl, ToolPolicy policy, JsonNode arguments, Scope scope,
                         boolean approved) {
        ObjectNode out = server(evaluator, decl, scope);
        out.put("tool", decl.mcpTool());
        out.set("arguments", arguments);
        ObjectNode plan = out.putObject("plan");
        if (policy.effect() != null) {
            plan.put("effect", policy.effect().keyword());
        }
        if (policy.approval() != ApprovalRequirement.DEFAULT) {
            plan.put("approval", policy.approval().name().toLowerCase(java.util.Locale.ROOT));
        }
        plan.put("approved", approved);
        return out;
    }

    /** The activity input that lists the server's tools ({@code list: true}) for a model loop. */
    static ObjectNode listing(Evaluator evaluator, ToolDecl server, Scope scope) {
        ObjectNode out = server(evaluator, server, scope);
        out.put("list", true);
        return out;
    }

    private static ObjectNode server(Evaluator evaluator, ToolDecl decl, Scope scope) {
        McpServer mcp = decl.mcp();
        ObjectNode out = Values.NODES.objectNode();
        ObjectNode server = out.putObject("server");
        if (mcp.stdio()) {
            ArrayNode command = server.putArray("command");
            for (Expr e : mcp.command()) {
                command.add(evaluator.evaluate(e, scope));
            }
            if (!mcp.env().isEmpty()) {
                server.set("env", fields(evaluator, mcp.env(), scope));
            }
        } else {
            server.set("url", evaluator.evaluate(mcp.url(), scope));
            if (!mcp.headers().isEmpty()) {
                server.set("headers", fields(evaluator, mcp.headers(), scope));
            }
        }
        return out;
    }

    private static JsonNode fields(Evaluator evaluator, Map<String, Expr> fields, Scope scope) {
        ObjectNode out = Values.NODES.objectNode();
        fields.forEach((k, v) -> out.set(k, evaluator.evaluate(v, scope)));
        return out;
    }
}
