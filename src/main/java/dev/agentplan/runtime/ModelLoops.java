package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Budget;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.InterpreterState.ModelLoopCursor;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.eval.Values;
import dev.agentplan.runtime.loop.ArgumentCheck;
import dev.agentplan.runtime.loop.KindToolSchemas;
import dev.agentplan.runtime.loop.ToolSchemaSource;
import dev.agentplan.validate.flow.ToolFacts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The model loop: each turn sends the conversation and the allowed tools' schemas to the model
 * (one {@code llm.chat} activity), then runs the calls it chose, each its own activity, and adds
 * their results to the conversation, until the model answers without calls or the turns run out.
 *
 * <p>Safety: a proposed call of a tool that needs approval opens a gate showing the exact tool and
 * arguments; a rejection (or no decision in time) goes back to the model as the call's result.
 * A call the model got wrong (unknown tool, arguments that are not JSON or do not fit the schema)
 * goes back to it as the call's error, never failing the run. Idempotency keys derive from the
 * step path, the turn and the call's index, so a retried or replayed turn repeats no effect.
 * The conversation lives in the cursor: at the top of each turn the run may continue as new.
 */
final class ModelLoops {

    /** The most characters of one tool result the model is shown. */
    static final int RESULT_CHARS = 16_000;

    static final String SYSTEM = "You are the model of an agentplan loop. Do the user's task by calling the tools you "
            + "are given, one step at a time, then answer in plain text without calling a tool. Some tools need a "
            + "person's approval: if a call is rejected, its result says so; do not try to get around it.";

    private final RunContext run;
    private final ToolCalls tools;
    private final ToolSchemaSource schemas;

    ModelLoops(RunContext run, ToolCalls tools) {
        this(run, tools, new KindToolSchemas());
    }

    ModelLoops(RunContext run, ToolCalls tools, ToolSchemaSource schemas) {
        this.run = run;
        this.tools = tools;
        this.schemas = schemas;
    }

    /** The conversation and counters of one loop while it runs. */
    private static final class Conversation {
        int turn;
        ArrayNode messages;
        long promptTokens;
        long completionTokens;
        BigDecimal cost = BigDecimal.ZERO;
        ArrayNode calls;

        ModelLoopCursor cursor() {
            return new ModelLoopCursor(turn, messages, promptTokens, completionTokens, cost, calls);
        }
    }

    JsonNode run(Step.ModelLoopStep s, String path, String line, Frame f, StepLog.Running r) {
        ToolDecl model = tools.declaration(s.model(), path, line);
        ResumeFrame.ModelLoopFrame saved = run.frames().take(f, ResumeFrame.ModelLoopFrame.class, path);
        Conversation c = saved != null ? restore(saved.cursor()) : start(s, f, path, line);
        LoopTools allowed = allowed(s, path, line, f);
        ArrayNode offered = offered(allowed);
        int maxTurns = s.maxTurns() == null ? 1 : s.maxTurns();
        try {
            while (c.turn < maxTurns) {
                run.frames().at(f, new ResumeFrame.ModelLoopFrame(path, c.cursor().withCopies()));
                if (c.turn > 0) {
                    run.frames().safePoint(f);
                }
                int turn = c.turn + 1; // 1-based in keys, gates and messages people read
                r.waitingFor = "model " + s.model() + " (turn " + turn + " of " + maxTurns + ", "
                        + (c.promptTokens + c.completionTokens) + " tokens)";
                JsonNode answer = ask(model, c, offered, path, line, turn, f);
                JsonNode chosen = answer.path("tool_calls");
                if (!chosen.isArray() || chosen.isEmpty()) {
                    c.turn++;
                    return result(c, answer.path("content"));
                }
                for (int i = 0; i < chosen.size(); i++) {
                    callTool(s, allowed, chosen.get(i), c, path, line, turn, i + 1, f, r);
                }
                c.turn++;
            }
        } finally {
            r.waitingFor = null;
            run.frames().leave(f, ResumeFrame.ModelLoopFrame.class, path);
        }
        throw PlanError.of(ErrorTypes.MAX_TURNS_EXCEEDED, "the model loop at " + Walker.where(path, line)
                + " did not answer within its max_turns of " + maxTurns + " (" + c.calls.size() + " tool calls)",
                path, line, result(c, null));
    }

    private Conversation start(Step.ModelLoopStep s, Frame f, String path, String line) {
        Conversation c = new Conversation();
        c.messages = Values.NODES.arrayNode();
        c.calls = Values.NODES.arrayNode();
        c.messages.addObject().put("role", "system").put("content", SYSTEM);
        String task = s.prompt() == null ? "" : run.evaluator().text(s.prompt(), f.scope());
        if (s.context() != null) {
            task = task + "\n\nContext (JSON):\n" + Values.toJson(run.evaluator().evaluate(s.context(), f.scope()));
        }
        c.messages.addObject().put("role", "user").put("content", task);
        if (SecretUses.referencesIn(c.messages)) {
            // a backstop of AP165: a secret that reached the task through a variable would be shown to the model
            throw PlanError.of(ErrorTypes.SECRET_IN_PROMPT, "the task of the model loop at " + Walker.where(path, line)
                    + " holds a secret reference; a model must not see secrets (it could pass them to any tool)",
                    path, line);
        }
        return c;
    }

    private static Conversation restore(ModelLoopCursor saved) {
        Conversation c = new Conversation();
        c.turn = saved.turn();
        c.messages = saved.messages() instanceof ArrayNode a ? a.deepCopy() : Values.NODES.arrayNode();
        c.promptTokens = saved.promptTokens();
        c.completionTokens = saved.completionTokens();
        c.cost = saved.cost() == null ? BigDecimal.ZERO : saved.cost();
        c.calls = saved.calls() instanceof ArrayNode a ? a.deepCopy() : Values.NODES.arrayNode();
        return c;
    }

    /** The allowed tools; an MCP server's are listed by one activity per server (see {@link LoopTools}). */
    private LoopTools allowed(Step.ModelLoopStep s, String path, String line, Frame f) {
        try {
            return LoopTools.of(s.toolNames(), name -> tools.declaration(name, path, line), server -> {
                String key = IdempotencyKeys.derive(run.workflowId(), run.keySeed(), path + "/tools/" + server.name(),
                        f.iterations());
                return tools.invoke(server, McpCallArguments.listing(run.evaluator(), server, f.scope()), key, path,
                        line, kind -> CommandSummaries.toolCall(path, f.iterations(), server.name() + " tools list",
                                line, kind)).value();
            }, Walker.where(path, line));
        } catch (IllegalArgumentException unknown) {
            throw PlanError.of(ErrorTypes.TOOL_ERROR, unknown.getMessage(), path, line);
        }
    }

    /** The function tools offered to the model: name, description and the argument schema. */
    private ArrayNode offered(LoopTools allowed) {
        ArrayNode out = Values.NODES.arrayNode();
        for (LoopTools.Offered o : allowed.all()) {
            ToolDecl decl = o.decl();
            ToolKind kind = run.kind(decl.kind());
            ObjectNode fn = out.addObject();
            fn.put("name", o.function());
            String description = o.mcp() ? o.description() : schemas.description(decl, kind);
            ToolFacts facts = tools.facts(decl);
            fn.put("description", (description == null ? "" : description)
                    + (facts.needsApproval() ? " (each call waits for a person's approval)" : ""));
            fn.set("parameters", o.mcp() ? o.schema() : schemas.parameters(decl, kind));
        }
        return out;
    }

    /** One model turn: one llm.chat activity; charges its tokens and cost, adds its message to the conversation. */
    private JsonNode ask(ToolDecl model, Conversation c, ArrayNode offered, String path, String line, int turn, Frame f) {
        ObjectNode args = Values.NODES.objectNode();
        args.set("messages", c.messages.deepCopy());
        args.set("tools", offered);
        run.budgets().beforeToolCall(path, line);
        String key = IdempotencyKeys.derive(run.workflowId(), run.keySeed(), path + "/turn" + turn, f.iterations());
        var result = tools.invoke(model, args, key, path, line, kind -> CommandSummaries.toolCall(path, f.iterations(),
                model.name() + " turn " + turn, line, kind));
        JsonNode answer = result.value();
        long prompt = answer.path("usage").path("prompt_tokens").asLong(0);
        long completion = answer.path("usage").path("completion_tokens").asLong(0);
        c.promptTokens += prompt;
        c.completionTokens += completion;
        Budget.ModelPrice price = run.budgets().priceOf(answer.path("model").asText(null));
        BigDecimal cost = price != null ? price.of(prompt, completion)
                : result.cost() == null ? BigDecimal.ZERO : result.cost();
        c.cost = c.cost.add(cost);
        run.budgets().modelTurn(prompt + completion);
        ObjectNode said = c.messages.addObject();
        said.put("role", "assistant");
        JsonNode content = answer.path("content");
        said.set("content", content.isTextual() ? content : Values.NODES.nullNode());
        JsonNode chosen = answer.path("tool_calls");
        if (chosen.isArray() && !chosen.isEmpty()) {
            ArrayNode calls = said.putArray("tool_calls");
            for (int i = 0; i < chosen.size(); i++) {
                JsonNode call = chosen.get(i);
                ObjectNode out = calls.addObject();
                out.put("id", callId(call, turn, i + 1));
                out.put("type", "function");
                ObjectNode fn = out.putObject("function");
                fn.put("name", call.path("name").asText(""));
                JsonNode a = call.path("arguments");
                fn.put("arguments", a.isTextual() ? a.textValue() : Values.toJson(a));
            }
        }
        run.budgets().charge(cost, path, line);
        return answer;
    }

    private static String callId(JsonNode call, int turn, int index) {
        String id = call.path("id").asText(null);
        return id == null || id.isBlank() ? "call_" + turn + "_" + index : id;
    }

    /** Runs (or refuses) one proposed call and adds its result to the conversation as a tool message. */
    private void callTool(Step.ModelLoopStep s, LoopTools allowed, JsonNode call, Conversation c, String path,
                          String line, int turn, int index, Frame f, StepLog.Running r) {
        String asked = call.path("name").asText("");
        LoopTools.Offered offered = allowed.find(asked);
        String name = offered == null ? asked : offered.name();
        JsonNode args = call.path("arguments");
        ObjectNode record = c.calls.addObject();
        record.put("turn", turn);
        record.put("tool", name);
        record.set("arguments", args.isMissingNode() ? Values.NODES.objectNode() : args);
        String outcome;
        String content;
        List<String> problems;
        if (offered == null) {
            outcome = "error";
            content = "error: there is no tool '" + name + "'; the tools are " + allowed.functionNames();
        } else if (SecretUses.referencesIn(args)) {
            outcome = "error";
            content = "error: the arguments of a model's call may not hold secret references";
        } else if (!args.isObject()) {
            outcome = "error";
            content = "error: the arguments of " + name + " must be a JSON object"
                    + (args.isTextual() ? ", and this is not valid JSON: " + clip(args.textValue(), 200) : "");
        } else if (!(problems = ArgumentCheck.problems(args, offered.mcp() ? offered.schema()
                : schemaOf(name, path, line))).isEmpty()) {
            outcome = "error";
            content = "error: the arguments do not fit " + name + "'s parameters: " + String.join("; ", problems);
        } else {
            ToolDecl decl = offered.decl();
            String gate = name + "@turn" + turn + "." + index;
            ApprovalRecord decision = tools.facts(decl).needsApproval()
                    ? decide(s, gate, decl, (ObjectNode) args, path, line, f, r) : null;
            if (decision != null && !decision.approved()) {
                outcome = decision.byTimeout() ? "not approved: no decision in time" : "rejected";
                content = decision.byTimeout()
                        ? "not done: nobody approved this call within " + DurationText.format(timeout(s))
                        : "rejected by " + decision.approver() + (decision.comment() == null
                        || decision.comment().isBlank() ? "" : ": " + decision.comment()) + "; the call was not made";
            } else {
                String key = IdempotencyKeys.derive(run.workflowId(), run.keySeed(),
                        path + "/turn" + turn + "/call" + index, f.iterations());
                run.budgets().beforeToolCall(path, line);
                r.waitingFor = "tool " + name + " (turn " + turn + ")";
                try {
                    // an MCP call carries the server and what the plan itself says, for the worker's own check
                    ObjectNode input = offered.mcp()
                            ? McpCallArguments.ofValues(run.evaluator(), offered.plain(),
                                    run.definition().effectivePolicy(offered.plain()), (JsonNode) args.deepCopy(), f.scope(),
                                    decision != null && decision.approved())
                            : ((ObjectNode) args).deepCopy();
                    var result = tools.invoke(decl, input, key, path, line,
                            kind -> CommandSummaries.toolCall(path, f.iterations(), name + " turn " + turn + " call "
                                    + index, line, kind));
                    run.budgets().charge(result.cost(), path, line);
                    outcome = decision != null ? "approved by " + decision.approver() + ", ok" : "ok";
                    content = clip(Values.toJson(result.value()), RESULT_CHARS);
                } catch (PlanError e) {
                    if (ErrorTypes.BUDGET_EXCEEDED.equals(e.type()) || ErrorTypes.PAYLOAD_TOO_LARGE.equals(e.type())) {
                        throw e; // the run's limits are not the model's to negotiate
                    }
                    outcome = "failed: " + e.type();
                    content = "error: " + e.type() + ": " + clip(e.getMessage(), 2000);
                }
            }
        }
        record.put("outcome", outcome);
        ObjectNode message = c.messages.addObject();
        message.put("role", "tool");
        message.put("tool_call_id", callId(call, turn, index));
        message.put("content", content);
    }

    private JsonNode schemaOf(String name, String path, String line) {
        ToolDecl decl = tools.declaration(name, path, line);
        return schemas.parameters(decl, run.kind(decl.kind()));
    }

    private static Duration timeout(Step.ModelLoopStep s) {
        return s.approvalTimeoutOrDefault();
    }

    /** Waits for a person's decision on a proposed call, through the same gates as `approve` steps. */
    private ApprovalRecord decide(Step.ModelLoopStep s, String gateName, ToolDecl decl, ObjectNode args, String path,
                                  String line, Frame f, StepLog.Running r) {
        Duration timeout = timeout(s);
        long since = run.now();
        String prompt = "The model proposes " + decl.name() + "(" + Values.summary(args, 2000) + "), which "
                + tools.facts(decl).approvalReason() + ". Approve to make this call, reject to tell the model no.";
        Approvals.Gate gate = run.approvals().open(gateName, prompt, s.approvers(), since, since + timeout.toMillis(), line,
                path, decl.name(), args.deepCopy());
        String id = gate.view.gate();
        r.waitingFor = "approval " + id;
        ApprovalRecord record = null;
        try {
            if (Waits.until(timeout, CommandSummaries.approvalTimeout(path, f.iterations(), id, line, timeout),
                    () -> gate.decision != null)) {
                GateDecision d = gate.decision;
                record = new ApprovalRecord(id, d.approved(), d.approver(), d.comment(), StepLog.iso(gate.decidedAt),
                        false, path);
            } else {
                record = new ApprovalRecord(id, false, null, "no decision before the timeout", StepLog.iso(run.now()),
                        true, path);
            }
        } finally {
            run.approvals().close(gate, record);
            r.waitingFor = null;
        }
        return record;
    }

    private static ObjectNode result(Conversation c, JsonNode answer) {
        ObjectNode out = Values.NODES.objectNode();
        out.set("answer", answer == null || !answer.isTextual() ? Values.NODES.nullNode() : answer);
        out.put("turns", c.turn);
        ObjectNode tokens = out.putObject("tokens");
        tokens.put("prompt", c.promptTokens);
        tokens.put("completion", c.completionTokens);
        tokens.put("total", c.promptTokens + c.completionTokens);
        out.put("cost", c.cost);
        out.set("calls", c.calls.deepCopy());
        return out;
    }

    private static String clip(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
