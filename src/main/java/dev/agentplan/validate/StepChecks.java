package dev.agentplan.validate;

import dev.agentplan.model.Effect;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.Suggestions;
import dev.agentplan.model.ToolKind;
import dev.agentplan.validate.flow.NodeLabels;
import dev.agentplan.validate.flow.ToolFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of single steps that need no flow analysis: tool calls (declared tool, argument names,
 * retries of writes without a key), loop bounds, timeouts of waits, approvals and signals, lanes,
 * approvers, child-run references and names that clash with tools or inputs.
 */
final class StepChecks {

    /** The repository's agent names ({@code IDENT} of the grammar, at most 128 characters). */
    private static final Pattern AGENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** A tag starts with a letter so it is never mistaken for a version number. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9]+");

    static final int MAX_WHILE = 100_000;
    static final int MAX_CONCURRENCY = 100;

    private final PlanFacts facts;
    private final Findings out;

    StepChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> check(step));
    }

    private void check(Step step) {
        if (step.binding() != null) {
            clash(step.binding(), step.span(), BindingWords.of(step));
        }
        step.accept(checks);
    }

    /** The checks of one step of each kind (its bodies' steps are walked on their own). */
    private final Step.Visitor<Void> checks = new Step.Visitor<>() {
        @Override
        public Void visitCall(Step.CallStep c) {
            call(c);
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            clash(s.variable(), s.span(), "loop variable");
            if (s.maxConcurrency() != null && s.maxConcurrency() < 1) {
                out.error(ValidationCodes.CONCURRENCY_ZERO, s.span(), "`parallel " + s.maxConcurrency()
                        + "` lets no iteration run, so this loop would never finish", "use `parallel 4` (or leave "
                        + "`parallel` out to run the iterations one after another)");
            } else if (s.maxConcurrency() != null && s.maxConcurrency() > MAX_CONCURRENCY) {
                out.error(ValidationCodes.CONCURRENCY_TOO_HIGH, s.span(), "`parallel " + s.maxConcurrency()
                                + "` is more than " + MAX_CONCURRENCY + " iterations at once",
                        "use at most `parallel " + MAX_CONCURRENCY + "`: a run that schedules thousands of tool "
                                + "calls at once fails on Temporal, and tools rarely take such load");
            }
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            loopBound(s);
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            if (s.duration() == null || s.duration().isZero() || s.duration().isNegative()) {
                out.error(ValidationCodes.WAIT_NOT_POSITIVE, s.span(), "`wait` needs a positive duration"
                                + (s.duration() == null ? "" : ", not " + NodeLabels.duration(s.duration())),
                        "write how long to wait, like `wait 10m`");
            }
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            if (s.timeout() == null) {
                out.error(ValidationCodes.SIGNAL_NO_TIMEOUT, s.span(), "waiting for signal \"" + s.signal()
                                + "\" has no timeout, so a signal that never comes keeps the run waiting for ever",
                        "add `{ timeout 2h  on_timeout fail }` (or `on_timeout continue` to go on with null)");
            } else {
                positiveTimeout(s.timeout(), s.span(), "the timeout of waiting for signal \"" + s.signal() + "\"");
            }
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            approval(s);
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            Map<String, Step.Lane> seen = new HashMap<>();
            for (Step.Lane lane : s.lanes()) {
                Step.Lane first = seen.putIfAbsent(lane.name(), lane);
                if (first != null) {
                    out.error(ValidationCodes.DUPLICATE_LANE, lane.span(), "lane `" + lane.name()
                                    + "` appears twice in this parallel step (first at line " + first.span().line() + ")",
                            "give each lane its own name: the step's result holds one entry per lane");
                }
            }
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            for (Step.Catch c : s.catches()) {
                if (c.variable() != null) {
                    clash(c.variable(), c.span(), "catch variable");
                }
            }
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            agentRef(s);
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep s) {
            return null; // conditions: ExpressionChecks
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            return null; // its value: ExpressionChecks; where it may be set: ScopeChecks
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            return null; // HandlerChecks
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            return null; // ModelLoopChecks
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            return null; // its reason: ExpressionChecks
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            return null; // its condition and message: ExpressionChecks
        }
    };

    // ---- calls ----

    private void call(Step.CallStep c) {
        ToolFacts tool = facts.tool(c.call().tool());
        if (tool == null) {
            undeclared(c.call(), ValidationCodes.UNDECLARED_TOOL, "");
        } else {
            arguments(c.call(), tool, "");
            if (!tool.decl().isMcpServer() && !unknownMcpTool(tool)) { // AP140 / AP141 say what is wrong
                retries(c, tool);
            }
        }
        if (c.undo() != null) {
            ToolFacts undo = facts.tool(c.undo().tool());
            if (undo == null) {
                undeclared(c.undo(), ValidationCodes.UNDO_UNDECLARED, "the `undo` action ");
            } else {
                arguments(c.undo(), undo, "the `undo` action: ");
                undoRetries(c, undo);
            }
        }
    }

    private static boolean unknownMcpTool(ToolFacts tool) {
        var mcp = tool.decl().mcp();
        return tool.decl().mcpTool() != null && mcp != null && mcp.discovered() != null
                && !mcp.discovered().containsKey(tool.decl().mcpTool());
    }

    private void undeclared(Step.ToolCall call, ValidationCodes code, String who) {
        String name = call.tool();
        List<String> declared = facts.definition.tools().stream().map(t -> t.name()).toList();
        String suggestion = Suggestions.closest(name, declared);
        String hint;
        if (suggestion != null) {
            hint = "did you mean `" + suggestion + "`?";
        } else if (facts.kinds.containsKey(name)) {
            hint = "`" + name + "` is a tool kind: declare a tool of that kind, like `tools { my_" + name.replace('.', '_')
                    + " = " + name + " { timeout 30s } }`, and call it by its name";
        } else {
            hint = "declare it in the tools block, like `tools { " + name + " = http { timeout 30s } }`";
        }
        String problem = who.isEmpty() ? "`" + name + "` is not a declared tool"
                : who + "calls `" + name + "`, which is not a declared tool";
        out.error(code, call.span(), problem + Suggestions.didYouMean(name, declared), hint);
    }

    private void arguments(Step.ToolCall call, ToolFacts tool, String who) {
        if (tool.decl().isMcpServer()) {
            out.error(ValidationCodes.MCP_SERVER_CALLED, call.span(), who + "`" + call.tool()
                            + "` is an MCP server, not one tool",
                    "call one of its tools: `" + call.tool() + ".TOOL(…)`; `agentplan tools list --mcp FILE` lists them");
            return;
        }
        if (tool.decl().mcpTool() != null) {
            McpCallChecks.check(call, tool.decl(), who, out);
            return;
        }
        ToolKind kind = tool.kind();
        if (kind == null || kind.openArguments()) {
            return;
        }
        List<String> accepted = kind.arguments().stream().map(ToolKind.Argument::name).toList();
        for (Map.Entry<String, Expr> arg : call.args().entrySet()) {
            if (kind.argument(arg.getKey()) == null) {
                out.error(ValidationCodes.UNKNOWN_ARGUMENT, arg.getValue().span(), who + "`" + call.tool()
                                + "` (kind `" + kind.name() + "`) has no argument `" + arg.getKey() + "`"
                                + Suggestions.didYouMean(arg.getKey(), accepted),
                        accepted.isEmpty() ? "`" + kind.name() + "` tools take no arguments"
                                : "its arguments are: " + String.join(", ", accepted));
            }
        }
        List<String> missing = new ArrayList<>();
        for (ToolKind.Argument a : kind.arguments()) {
            if (a.required() && !call.args().containsKey(a.name())) {
                missing.add(a.name());
            }
        }
        if (!missing.isEmpty()) {
            out.error(ValidationCodes.MISSING_ARGUMENT, call.span(), who + "`" + call.tool() + "` (kind `"
                            + kind.name() + "`) needs " + (missing.size() == 1 ? "the argument `" : "the arguments `")
                            + String.join("`, `", missing) + "`",
                    "pass " + String.join(", ", missing.stream().map(m -> m + ": …").toList()) + " ("
                            + kind.argument(missing.get(0)).name() + ": " + kind.argument(missing.get(0)).help() + ")");
        }
    }

    /** A retried call of a tool that changes the world, without an idempotency key, may do it twice. */
    private void retries(Step.CallStep c, ToolFacts tool) {
        if (tool.idempotent() || tool.attempts() <= 1 || c.idempotencyKey() != null) {
            return;
        }
        boolean own = tool.decl().policy().retry() != null && tool.decl().policy().retry().maxAttempts() != null;
        boolean fromDefaults = !own && tool.effective().retry() != null && tool.effective().retry().maxAttempts() != null;
        String tries = "`attempts " + tool.attempts() + "`" + (own ? "" : fromDefaults ? " from the tools' defaults"
                : ", agentplan's default");
        String hint = "add `idempotent` to the tool if repeating a call is harmless, pass a `key \"…\"` the service "
                + "deduplicates on, or declare `retry { attempts 1 }`";
        if (tool.effect() == Effect.WRITE) {
            out.error(ValidationCodes.WRITE_RETRIED_WITHOUT_KEY, c.span(), "`" + tool.decl().name()
                    + "` writes and is not idempotent, but this call is retried (" + tries
                    + ") and has no `key`, so a retry after a lost answer may write twice", hint);
        } else if (tool.effect() == Effect.IRREVERSIBLE) {
            out.error(ValidationCodes.IRREVERSIBLE_RETRIED_WITHOUT_KEY, c.span(), "`" + tool.decl().name()
                    + "` is irreversible and not idempotent, but this call is retried (" + tries
                    + ") and has no `key`, so a retry after a lost answer may repeat it", hint);
        }
    }

    /**
     * An undo is a call like any other: retried without a key it may repeat its effect. Its key is
     * derived from the call's, so an explicit `key` on the call covers its undo too.
     */
    private void undoRetries(Step.CallStep c, ToolFacts tool) {
        if (tool.idempotent() || tool.attempts() <= 1 || c.idempotencyKey() != null) {
            return;
        }
        String tries = "`attempts " + tool.attempts() + "`";
        String hint = "add `idempotent` to `" + tool.decl().name() + "` if repeating it is harmless, give the call a "
                + "`key \"…\"` (its undo's key is derived from it), or declare `retry { attempts 1 }` on the undo tool";
        if (tool.effect() == Effect.WRITE) {
            out.error(ValidationCodes.WRITE_RETRIED_WITHOUT_KEY, c.undo().span(), "the `undo` action calls `"
                    + tool.decl().name() + "`, which writes and is not idempotent, retried (" + tries
                    + ") while the call has no `key`, so a retried compensation may write twice", hint);
        } else if (tool.effect() == Effect.IRREVERSIBLE) {
            out.error(ValidationCodes.IRREVERSIBLE_RETRIED_WITHOUT_KEY, c.undo().span(), "the `undo` action calls `"
                    + tool.decl().name() + "`, which is irreversible and not idempotent, retried (" + tries
                    + ") while the call has no `key`, so a retried compensation may repeat it", hint);
        }
    }

    // ---- loops, waits, approvals ----

    private void loopBound(Step.WhileStep s) {
        Integer max = s.maxIterations();
        if (max == null) {
            out.error(ValidationCodes.WHILE_UNBOUNDED, s.span(), "this `while` has no `max`, so a condition that stays "
                    + "true would loop for ever", "bound it: `while … max 100 { … }`");
        } else if (max < 1) {
            out.error(ValidationCodes.WHILE_MAX_ZERO, s.span(), "`max " + max + "` lets this `while` run no iteration",
                    "give the largest number of iterations you expect, like `max 50`, or remove the loop");
        } else if (max > MAX_WHILE) {
            out.warning(ValidationCodes.WHILE_MAX_HUGE, s.span(), "`max " + max + "` allows more than " + MAX_WHILE
                            + " iterations; a run's history cannot hold that many steps",
                    "use a smaller bound, or split the work into child runs (`run …`) or pages");
        }
    }

    private void approval(Step.ApproveStep s) {
        if (s.timeout() == null) {
            out.error(ValidationCodes.APPROVAL_NO_TIMEOUT, s.span(), "approval `" + s.name()
                            + "` has no timeout, so the run waits for ever when nobody answers",
                    "add `timeout 4h` and what happens then: `on_timeout fail` (the default) or `on_timeout reject`");
        } else {
            positiveTimeout(s.timeout(), s.span(), "the timeout of approval `" + s.name() + "`");
        }
        Set<String> seen = new HashSet<>();
        for (String approver : s.approvers()) {
            if (!seen.add(approver)) {
                out.warning(ValidationCodes.DUPLICATE_APPROVER, s.span(), "approval `" + s.name() + "` lists approver \""
                        + approver + "\" twice", "list each approver once");
            }
        }
    }

    private void positiveTimeout(Duration timeout, SourceSpan span, String what) {
        if (timeout.isZero() || timeout.isNegative()) {
            out.error(ValidationCodes.ZERO_DURATION, span, what + " is " + NodeLabels.duration(timeout)
                    + "; it must be longer than zero", "give a positive timeout, like `timeout 4h`");
        }
    }

    // ---- names ----

    private void agentRef(Step.RunAgentStep s) {
        if (s.agent() == null || !AGENT_NAME.matcher(s.agent()).matches()) {
            out.error(ValidationCodes.BAD_AGENT_REF, s.span(), "`" + s.agent() + "` cannot be the name of an agent",
                    "agent names use letters, digits and '_', start with a letter or '_', and have at most 128 characters");
            return;
        }
        String ref = s.ref();
        if (ref == null || ref.equals("latest")) {
            return;
        }
        if (VERSION.matcher(ref).matches()) {
            if (ref.length() > 9 || Integer.parseInt(ref) < 1) {
                out.error(ValidationCodes.BAD_AGENT_REF, s.span(), "`" + s.agent() + "@" + ref
                        + "` names a version that cannot exist", "versions are numbered from 1");
            }
        } else if (!TAG.matcher(ref).matches()) {
            out.error(ValidationCodes.BAD_AGENT_REF, s.span(), "`" + ref + "` cannot be a version or a tag",
                    "write a version number (`@3`) or a tag (`@prod`: letters, digits, '_', '.', '-', starting with a letter)");
        }
    }

    /** Whether a child run's agent name and reference are well formed (AP123 reports those that are not). */
    static boolean wellFormedRef(Step.RunAgentStep s) {
        if (s.agent() == null || !AGENT_NAME.matcher(s.agent()).matches()) {
            return false;
        }
        String ref = s.ref();
        if (ref == null || ref.equals("latest")) {
            return true;
        }
        if (VERSION.matcher(ref).matches()) {
            return ref.length() <= 9 && Integer.parseInt(ref) >= 1;
        }
        return TAG.matcher(ref).matches();
    }

    private void clash(String name, SourceSpan span, String what) {
        if ("input".equals(name)) {
            out.error(ValidationCodes.NAME_CLASH, span, "a " + what + " cannot be named `input`",
                    "`input` always means the plan's inputs; choose another name");
        } else if (facts.definition.tool(name) != null) {
            out.error(ValidationCodes.NAME_CLASH, span, "the " + what + " `" + name + "` has the name of a tool",
                    "choose another name, so that `" + name + "(…)` and `" + name + ".field` cannot be confused");
        } else if (facts.definition.input(name) != null) {
            InputDecl input = facts.definition.input(name);
            out.warning(ValidationCodes.NAME_CLASH, span, "the " + what + " `" + name + "` has the name of input `"
                    + input.name() + "`", "choose another name, so that `" + name + "` and `input." + name
                    + "` cannot be confused");
        }
    }
}
