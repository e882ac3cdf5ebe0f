package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Budget;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model as a JSON tree in canonical shape: keys in a fixed order (a step's kind first), no
 * nulls, no empty optional lists or maps, no values equal to their default. Bodies ({@code steps},
 * {@code then}, {@code do}, {@code try}, {@code lanes}) are always written, even when empty.
 */
final class PlanJsonEncoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private PlanJsonEncoder() {
    }

    static ObjectNode agent(AgentDefinition agent) {
        ObjectNode out = NODES.objectNode();
        out.put("agent", agent.name());
        putText(out, "description", agent.description());
        if (!agent.inputs().isEmpty()) {
            ObjectNode inputs = out.putObject("inputs");
            for (InputDecl input : agent.inputs()) {
                inputs.set(input.name(), input(input));
            }
        }
        ObjectNode defaults = policy(NODES.objectNode(), agent.toolDefaults());
        if (!defaults.isEmpty() || !agent.tools().isEmpty()) {
            ObjectNode tools = out.putObject("tools");
            if (!defaults.isEmpty()) {
                tools.set("defaults", defaults);
            }
            for (ToolDecl tool : agent.tools()) {
                if (tool.name().equals("defaults")) {
                    throw new IllegalArgumentException(
                            "a tool named `defaults` cannot be written in JSON form, where `tools.defaults` is the default policy");
                }
                ObjectNode decl = NODES.objectNode();
                decl.put("kind", tool.kind());
                mcp(decl, tool.mcp());
                policy(decl, tool.policy());
                mcpTools(decl, tool.mcp());
                tools.set(tool.name(), decl);
            }
        }
        if (!agent.budget().isUnlimited()) {
            out.set("budget", budget(agent.budget()));
        }
        if (!agent.handlers().isEmpty()) {
            ArrayNode handlers = out.putArray("on");
            for (IntentHandler h : agent.handlers()) {
                handlers.add(handler(NODES.objectNode(), h));
            }
        }
        out.set("steps", steps(agent.steps()));
        if (!agent.output().isEmpty()) {
            out.set("output", valueFields(agent.output()));
        }
        return out;
    }

    private static ObjectNode handler(ObjectNode out, IntentHandler h) {
        out.put("on_" + h.kind().keyword(), h.event());
        if (h.variable() != null) {
            out.put("as", h.variable());
            out.put("type", h.type().keyword());
        }
        if (h.defaultValue() != null) {
            out.set("default", value(h.defaultValue()));
        }
        return out;
    }

    private static ObjectNode input(InputDecl input) {
        ObjectNode out = NODES.objectNode();
        out.put("type", input.type() == null ? "any" : input.type().keyword());
        if (input.defaultValue() != null) {
            out.set("default", value(input.defaultValue()));
        }
        putText(out, "description", input.description());
        return out;
    }

    /** An MCP server's transport: {@code command} and {@code env}, or {@code url} and {@code headers}. */
    private static void mcp(ObjectNode out, dev.agentplan.model.McpServer mcp) {
        if (mcp == null) {
            return;
        }
        if (!mcp.command().isEmpty()) {
            out.set("command", value(new Expr.ListExpr(mcp.command(), null)));
        }
        if (!mcp.env().isEmpty()) {
            out.set("env", valueFields(mcp.env()));
        }
        if (mcp.url() != null) {
            out.set("url", value(mcp.url()));
        }
        if (!mcp.headers().isEmpty()) {
            out.set("headers", valueFields(mcp.headers()));
        }
    }

    /** {@code "tools": {"write_file": {policy}}}: the server's tools' own policies. */
    private static void mcpTools(ObjectNode out, dev.agentplan.model.McpServer mcp) {
        if (mcp == null || mcp.tools().isEmpty()) {
            return;
        }
        ObjectNode tools = out.putObject("tools");
        for (dev.agentplan.model.McpServer.ToolOverride t : mcp.tools()) {
            tools.set(t.name(), policy(NODES.objectNode(), t.policy()));
        }
    }

    private static ObjectNode policy(ObjectNode out, ToolPolicy policy) {
        putDuration(out, "timeout", policy.timeout());
        putDuration(out, "schedule_to_close", policy.scheduleToClose());
        putDuration(out, "schedule_to_start", policy.scheduleToStart());
        putDuration(out, "heartbeat", policy.heartbeat());
        if (policy.retry() != null) {
            out.set("retry", retry(policy.retry()));
        }
        if (policy.effect() != null) {
            out.put("effect", policy.effect().keyword());
        }
        if (policy.idempotent() != null) {
            out.put("idempotent", policy.idempotent());
        }
        if (policy.approval() != ApprovalRequirement.DEFAULT) {
            out.put("approval", policy.approval().name().toLowerCase(Locale.ROOT));
        }
        putText(out, "queue", policy.taskQueue());
        return out;
    }

    private static ObjectNode retry(RetryPolicy retry) {
        ObjectNode out = NODES.objectNode();
        if (retry.maxAttempts() != null) {
            out.put("attempts", retry.maxAttempts());
        }
        putDuration(out, "initial_interval", retry.initialInterval());
        putDuration(out, "max_interval", retry.maxInterval());
        if (retry.backoffCoefficient() != null) {
            out.set("backoff_coefficient", NODES.numberNode(plain(retry.backoffCoefficient())));
        }
        if (retry.jitterPercent() != null) {
            out.set("jitter_percent", NODES.numberNode(plain(retry.jitterPercent())));
        }
        putStrings(out, "non_retryable", retry.nonRetryable());
        return out;
    }

    /** 20, not 2E+1: a number as a person writes it (no exponent, no trailing zeros). */
    private static BigDecimal plain(double d) {
        BigDecimal v = BigDecimal.valueOf(d).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static ObjectNode budget(Budget budget) {
        ObjectNode out = NODES.objectNode();
        if (budget.toolCalls() != null) {
            out.put("tool_calls", budget.toolCalls());
        }
        if (budget.steps() != null) {
            out.put("steps", budget.steps());
        }
        putDuration(out, "duration", budget.duration());
        if (budget.cost() != null) {
            out.set("cost", NODES.numberNode(budget.cost()));
        }
        if (!budget.prices().isEmpty()) {
            ObjectNode prices = out.putObject("prices");
            budget.prices().forEach((model, price) -> prices.putObject(model)
                    .<ObjectNode>set("prompt", NODES.numberNode(price.prompt()))
                    .set("completion", NODES.numberNode(price.completion())));
        }
        return out;
    }

    // ---- steps ----

    private static ArrayNode steps(List<Step> steps) {
        ArrayNode out = NODES.arrayNode();
        for (Step step : steps) {
            out.add(step(step));
        }
        return out;
    }

    private static ObjectNode step(Step step) {
        ObjectNode out = NODES.objectNode();
        step.accept(new Fields(out));
        return out;
    }

    /** A step's fields in canonical order: exhaustive, so a new kind fails to compile here until it has a JSON form. */
    private record Fields(ObjectNode out) implements Step.Visitor<Void> {

        @Override
        public Void visitCall(Step.CallStep s) {
            out.put("call", s.call().tool());
            putText(out, "bind", s.bind());
            putValueFields(out, "args", s.call().args());
            if (s.idempotencyKey() != null) {
                out.set("key", value(s.idempotencyKey()));
            }
            if (s.undo() != null) {
                ObjectNode undo = out.putObject("undo");
                undo.put("call", s.undo().tool());
                putValueFields(undo, "args", s.undo().args());
            }
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep s) {
            Step.Branch first = s.branches().get(0);
            out.put("if", JsonExpressions.print(first.condition()));
            out.set("then", steps(first.body()));
            if (s.branches().size() > 1) {
                ArrayNode elseIf = out.putArray("else_if");
                for (Step.Branch branch : s.branches().subList(1, s.branches().size())) {
                    ObjectNode b = elseIf.addObject();
                    b.put("if", JsonExpressions.print(branch.condition()));
                    b.set("then", steps(branch.body()));
                }
            }
            if (!s.otherwise().isEmpty()) {
                out.set("else", steps(s.otherwise()));
            }
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            out.put("for_each", s.variable());
            out.put("in", JsonExpressions.print(s.items()));
            if (s.maxConcurrency() != null) {
                out.put("parallel", s.maxConcurrency());
            }
            out.set("do", steps(s.body()));
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            out.put("while", JsonExpressions.print(s.condition()));
            if (s.maxIterations() != null) {
                out.put("max", s.maxIterations());
            }
            out.set("do", steps(s.body()));
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            out.put("parallel", s.mode() == Step.JoinMode.FIRST ? "first" : "all");
            putText(out, "bind", s.bind());
            ObjectNode lanes = out.putObject("lanes");
            for (Step.Lane lane : s.lanes()) {
                lanes.set(lane.name(), steps(lane.body()));
            }
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            handler(out, s.handler());
            if (s.leave()) {
                out.put("leave", true);
            }
            out.set("do", steps(s.body()));
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            putDuration(out, "wait", s.duration());
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            out.put("await_signal", s.signal());
            putText(out, "bind", s.bind());
            putDuration(out, "timeout", s.timeout());
            if (s.onTimeout() != null) {
                out.put("on_timeout", s.onTimeout().name().toLowerCase(Locale.ROOT));
            }
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            out.put("approve", s.name());
            if (s.prompt() != null) {
                out.put("ask", JsonExpressions.printTemplate(s.prompt()));
            }
            putStrings(out, "approvers", s.approvers());
            putDuration(out, "timeout", s.timeout());
            if (s.onTimeout() != Step.ApprovalTimeout.FAIL) {
                out.put("on_timeout", s.onTimeout().name().toLowerCase(Locale.ROOT));
            }
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            out.put("loop", s.model());
            putText(out, "bind", s.bind());
            if (s.prompt() != null) {
                out.put("ask", JsonExpressions.printTemplate(s.prompt()));
            }
            if (s.context() != null) {
                out.set("context", value(s.context()));
            }
            putStrings(out, "tools", s.toolNames());
            if (s.maxTurns() != null) {
                out.put("max_turns", s.maxTurns());
            }
            putDuration(out, "approval_timeout", s.approvalTimeout());
            putStrings(out, "approvers", s.approvers());
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            out.put("set", s.variable());
            out.set("value", value(s.value()));
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            out.set("try", steps(s.body()));
            if (!s.catches().isEmpty()) {
                ArrayNode catches = out.putArray("catch");
                for (Step.Catch c : s.catches()) {
                    ObjectNode clause = catches.addObject();
                    putStrings(clause, "errors", c.errorTypes());
                    putText(clause, "as", c.variable());
                    clause.set("do", steps(c.body()));
                }
            }
            if (!s.finallyBody().isEmpty()) {
                out.set("finally", steps(s.finallyBody()));
            }
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            out.set("fail", value(s.reason()));
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            out.put("assert", JsonExpressions.print(s.condition()));
            if (s.message() != null) {
                out.set("else", value(s.message()));
            }
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            out.put("run", s.agent());
            if (s.ref() != null) {
                out.set("ref", s.ref().matches("[1-9][0-9]{0,8}")
                        ? NODES.numberNode(Integer.parseInt(s.ref())) : NODES.textNode(s.ref()));
            }
            putText(out, "bind", s.bind());
            putValueFields(out, "inputs", s.inputs());
            return null;
        }
    }

    // ---- values ----

    /** A value position: literals as JSON literals, objects and lists as containers, anything else as a template string. */
    static JsonNode value(Expr e) {
        if (e == null || e instanceof Expr.NullLiteral) {
            return NODES.nullNode();
        } else if (e instanceof Expr.NumberLiteral n) {
            return NODES.numberNode(n.value());
        } else if (e instanceof Expr.BooleanLiteral b) {
            return NODES.booleanNode(b.value());
        } else if (e instanceof Expr.ObjectExpr o) {
            return valueFields(o.fields());
        } else if (e instanceof Expr.ListExpr l) {
            ArrayNode out = NODES.arrayNode();
            for (Expr item : l.items()) {
                out.add(value(item));
            }
            return out;
        }
        return NODES.textNode(JsonExpressions.printTemplate(e));
    }

    private static ObjectNode valueFields(Map<String, Expr> fields) {
        ObjectNode out = NODES.objectNode();
        fields.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    private static void putValueFields(ObjectNode out, String key, Map<String, Expr> fields) {
        if (!fields.isEmpty()) {
            out.set(key, valueFields(fields));
        }
    }

    private static void putText(ObjectNode out, String key, String text) {
        if (text != null) {
            out.put(key, text);
        }
    }

    private static void putDuration(ObjectNode out, String key, Duration duration) {
        if (duration != null) {
            out.put(key, DurationText.format(duration));
        }
    }

    private static void putStrings(ObjectNode out, String key, List<String> items) {
        if (!items.isEmpty()) {
            ArrayNode array = out.putArray(key);
            items.forEach(array::add);
        }
    }
}
