package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.AT;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.model.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plans built in code for interpreter tests. Every plan declares the tools echo, fail, slow, count, priced (and undo = echo). */
public final class Plans {

    /** Quick retries so failing tools do not slow the suite. */
    public static final ToolPolicy FAST = new ToolPolicy(Duration.ofSeconds(10), null, null,
            new RetryPolicy(3, Duration.ofMillis(50), 1.0, Duration.ofMillis(50), List.of()), null, null, null, null);

    public static final List<ToolDecl> TOOLS = List.of(
            new ToolDecl("echo", "echo", FAST, AT),
            new ToolDecl("undo", "echo", FAST, AT),
            new ToolDecl("flaky", "fail", FAST, AT),
            new ToolDecl("slow", "slow", new ToolPolicy(Duration.ofSeconds(30), null, Duration.ofSeconds(1),
                    new RetryPolicy(1, null, null, null, List.of()), null, null, null, null), AT),
            new ToolDecl("count", "count", FAST, AT),
            new ToolDecl("priced", "priced", FAST, AT));

    private Plans() {
    }

    public static AgentDefinition plan(String name, List<Step> steps, Map<String, Expr> output) {
        return plan(name, List.of(), null, steps, output);
    }

    public static AgentDefinition plan(String name, List<InputDecl> inputs, Budget budget, List<Step> steps,
                                       Map<String, Expr> output) {
        return new AgentDefinition(name, null, inputs, null, TOOLS, budget, steps, output, AT);
    }

    public static InputDecl input(String name, ValueType type, Expr defaultValue) {
        return new InputDecl(name, type, defaultValue, null, AT);
    }

    public static Budget budget(Integer toolCalls, Integer steps, Duration duration, String cost) {
        return new Budget(toolCalls, steps, duration, cost == null ? null : new java.math.BigDecimal(cost), AT);
    }

    public static Step.ToolCall toolCall(String tool, Object... kv) {
        return new Step.ToolCall(tool, Exprs.map(kv), AT);
    }

    public static Step.CallStep call(String bind, String tool, Object... kv) {
        return new Step.CallStep(bind, toolCall(tool, kv), null, null, AT);
    }

    public static Step.CallStep withKey(Step.CallStep c, Expr key) {
        return new Step.CallStep(c.bind(), c.call(), key, c.undo(), AT);
    }

    public static Step.CallStep withUndo(Step.CallStep c, Step.ToolCall undo) {
        return new Step.CallStep(c.bind(), c.call(), c.idempotencyKey(), undo, AT);
    }

    public static Step.IfStep ifElse(Expr cond, List<Step> then, List<Step> otherwise) {
        return new Step.IfStep(List.of(new Step.Branch(cond, then, AT)), otherwise, AT);
    }

    public static Step.IfStep ifChain(List<Step.Branch> branches, List<Step> otherwise) {
        return new Step.IfStep(branches, otherwise, AT);
    }

    public static Step.Branch branch(Expr cond, Step... body) {
        return new Step.Branch(cond, List.of(body), AT);
    }

    public static Step.ForEachStep forEach(String var, Expr items, Integer parallel, Step... body) {
        return new Step.ForEachStep(var, items, parallel, List.of(body), AT);
    }

    public static Step.WhileStep whileLoop(Expr cond, Integer max, Step... body) {
        return new Step.WhileStep(cond, max, List.of(body), AT);
    }

    public static Step.ParallelStep parallel(String bind, Step.JoinMode mode, Step.Lane... lanes) {
        return new Step.ParallelStep(bind, mode, List.of(lanes), AT);
    }

    public static Step.Lane lane(String name, Step... body) {
        return new Step.Lane(name, List.of(body), AT);
    }

    public static Step.WaitStep waitFor(Duration d) {
        return new Step.WaitStep(d, AT);
    }

    public static Step.AwaitSignalStep awaitSignal(String bind, String signal, Duration timeout,
                                                   Step.SignalTimeout onTimeout) {
        return new Step.AwaitSignalStep(bind, signal, timeout, onTimeout, AT);
    }

    public static Step.ApproveStep approve(String name, String prompt, List<String> approvers, Duration timeout,
                                           Step.ApprovalTimeout onTimeout) {
        return new Step.ApproveStep(name, Exprs.str(prompt), approvers, timeout, onTimeout, AT);
    }

    public static Step.SetStep set(String var, Expr value) {
        return new Step.SetStep(var, value, AT);
    }

    public static Step.TryStep tryCatch(List<Step> body, List<Step.Catch> catches, List<Step> finallyBody) {
        return new Step.TryStep(body, catches, finallyBody, AT);
    }

    public static Step.Catch catching(List<String> types, String var, Step... body) {
        return new Step.Catch(types, var, List.of(body), AT);
    }

    public static Step.FailStep fail(Expr reason) {
        return new Step.FailStep(reason, AT);
    }

    public static Step.RunAgentStep runAgent(String bind, String agent, String ref, Object... kv) {
        return new Step.RunAgentStep(bind, agent, ref, Exprs.map(kv), AT);
    }

    @SafeVarargs
    public static <T> List<T> list(T... items) {
        return List.of(items);
    }
}
