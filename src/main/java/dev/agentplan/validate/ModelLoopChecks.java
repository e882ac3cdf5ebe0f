package dev.agentplan.validate;

import dev.agentplan.model.Budget;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.Suggestions;
import dev.agentplan.model.ToolDecl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of model loops: the model is a declared {@code llm.chat} tool, the allow-list names
 * declared tools (each once, never the model; {@code fs.tool} for an MCP server's tool, checked
 * against its discovered tools when there are any), {@code max_turns} is given and sane, and the loop
 * has a task. Which tool the model picks is unknown here, so an allowed tool that needs approval
 * is not an AP208 finding: the loop asks a person at run time before such a call.
 */
final class ModelLoopChecks {

    /** The most turns a loop may allow: every turn and call is history, and one run's history is bounded. */
    static final int MAX_TURNS = 100;

    private final PlanFacts facts;
    private final Findings out;

    ModelLoopChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        boolean[] any = {false};
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> {
            if (step instanceof Step.ModelLoopStep s) {
                any[0] = true;
                check(s);
            }
        });
        prices(facts.definition.budget(), any[0]);
    }

    private List<String> declared() {
        return facts.definition.tools().stream().map(ToolDecl::name).toList();
    }

    private void check(Step.ModelLoopStep s) {
        ToolDecl model = facts.definition.tool(s.model());
        if (model == null) {
            out.error(ValidationCodes.LOOP_MODEL, s.span(), "the loop's model `" + s.model()
                            + "` is not a declared tool" + Suggestions.didYouMean(s.model(), declared()),
                    "declare it, like `tools { " + s.model() + " = llm.chat { timeout 60s } }`");
        } else if (!BuiltinToolKinds.LLM_CHAT.name().equals(model.kind())) {
            out.error(ValidationCodes.LOOP_MODEL, s.span(), "the loop's model `" + s.model() + "` is of kind `"
                    + model.kind() + "`, not llm.chat", "declare a tool of kind llm.chat and name it after `loop`");
        }
        Set<String> seen = new HashSet<>();
        for (Step.LoopTool t : s.tools()) {
            if (t.name().equals(s.model())) {
                out.error(ValidationCodes.LOOP_TOOL, t.span(), "`" + t.name() + "` is the loop's model; it cannot "
                        + "also be one of its tools", "remove it from `tools`");
            } else if (facts.definition.tool(t.name()) == null) {
                String suggestion = Suggestions.closest(t.name(), declared());
                out.error(ValidationCodes.LOOP_TOOL, t.span(), "the loop allows `" + t.name()
                                + "`, which is not a declared tool" + Suggestions.didYouMean(t.name(), declared()),
                        suggestion != null ? "did you mean `" + suggestion + "`?"
                                : "declare it in the tools block, like `tools { " + t.name() + " = http { timeout 30s } }`");
            } else if (unknownMcpTool(facts.definition.tool(t.name()))) {
                ToolDecl tool = facts.definition.tool(t.name());
                var found = facts.definition.tool(t.name().substring(0, t.name().indexOf('.'))).mcp().discovered().keySet();
                out.error(ValidationCodes.LOOP_TOOL, t.span(), "the MCP server's discovered tools have no `"
                                + tool.mcpTool() + "`" + Suggestions.didYouMean(tool.mcpTool(), found),
                        "its tools: " + String.join(", ", found) + " (or run `validate --discover` again)");
            } else if (!seen.add(t.name())) {
                out.error(ValidationCodes.LOOP_TOOL, t.span(), "`" + t.name() + "` is allowed twice in this loop",
                        "name each tool once");
            }
        }
        if (s.maxTurns() == null) {
            out.error(ValidationCodes.LOOP_MAX_TURNS, s.span(), "this `loop` has no `max_turns`, so a model that "
                    + "never answers would keep calling tools", "bound it: `max_turns 8`");
        } else if (s.maxTurns() < 1 || s.maxTurns() > MAX_TURNS) {
            out.error(ValidationCodes.LOOP_MAX_TURNS, s.span(), "`max_turns " + s.maxTurns() + "` is "
                    + (s.maxTurns() < 1 ? "below 1: the model would never be asked" : "more than " + MAX_TURNS),
                    "use a number from 1 to " + MAX_TURNS);
        }
        if (s.prompt() == null) {
            out.error(ValidationCodes.LOOP_INCOMPLETE, s.span(), "this `loop` has no `ask`, so the model has no task",
                    "say what to do: `ask \"Find … and answer with …\"`");
        }
        if (s.tools().isEmpty()) {
            out.error(ValidationCodes.LOOP_INCOMPLETE, s.span(), "this `loop` allows no tool",
                    "list the tools the model may call: `tools [search, fetch]` (for one answer, call the model "
                            + "tool directly)");
        }
        for (dev.agentplan.model.Expr e : new dev.agentplan.model.Expr[] {s.prompt(), s.context()}) {
            dev.agentplan.model.Expr found = secretIn(e);
            if (found != null) {
                out.error(ValidationCodes.LOOP_SECRET, found.span(), "this secret would be shown to the model, which "
                        + "could pass it to any of the loop's tools", "keep secrets in the tools' own calls; the model "
                        + "never needs the value (declare a tool whose call reads it)");
            }
        }
        if (s.approvalTimeout() != null && (s.approvalTimeout().isZero() || s.approvalTimeout().isNegative())) {
            out.error(ValidationCodes.ZERO_DURATION, s.span(), "`approval_timeout` of this loop is zero",
                    "give people time to decide, like `approval_timeout 4h`");
        } else if (s.approvalTimeout() != null && s.approvalTimeout().compareTo(java.time.Duration.ofDays(3650)) > 0) {
            out.error(ValidationCodes.DURATION_TOO_LONG, s.span(), "`approval_timeout` of this loop is over 3650d",
                    "use at most `approval_timeout 3650d`, like other approval timeouts");
        }
    }

    /** A tool of an MCP server whose discovered tools (from the cache beside the plan) do not include it. */
    private static boolean unknownMcpTool(ToolDecl tool) {
        return tool.mcpTool() != null && tool.mcp() != null && tool.mcp().discovered() != null
                && !tool.mcp().discovered().containsKey(tool.mcpTool());
    }

    /** The first {@code secret("…")} call inside {@code e}, or null. */
    private static dev.agentplan.model.Expr secretIn(dev.agentplan.model.Expr e) {
        if (e == null) {
            return null;
        }
        List<dev.agentplan.model.Expr> parts;
        if (e instanceof dev.agentplan.model.Expr.FunctionCall f) {
            if (dev.agentplan.model.Function.SECRET.functionName.equals(f.function())) {
                return f;
            }
            parts = f.args();
        } else if (e instanceof dev.agentplan.model.Expr.TemplateExpr t) {
            parts = t.parts();
        } else if (e instanceof dev.agentplan.model.Expr.BinaryExpr b) {
            parts = List.of(b.left(), b.right());
        } else if (e instanceof dev.agentplan.model.Expr.UnaryExpr u) {
            parts = List.of(u.operand());
        } else if (e instanceof dev.agentplan.model.Expr.ObjectExpr o) {
            parts = List.copyOf(o.fields().values());
        } else if (e instanceof dev.agentplan.model.Expr.ListExpr l) {
            parts = l.items();
        } else {
            return null;
        }
        for (dev.agentplan.model.Expr p : parts) {
            dev.agentplan.model.Expr found = secretIn(p);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private void prices(Budget budget, boolean anyLoop) {
        for (var e : budget.prices().entrySet()) {
            Budget.ModelPrice p = e.getValue();
            if (p.prompt().signum() < 0 || p.completion().signum() < 0) {
                out.error(ValidationCodes.LOOP_PRICE, p.span(), "the price of `" + e.getKey() + "` is negative",
                        "prices are what a million tokens cost, 0 or more");
            }
        }
        if (!budget.prices().isEmpty() && budget.cost() == null) {
            out.warning(ValidationCodes.LOOP_PRICE, budget.span(), "prices are declared but the budget has no `cost`, "
                    + "so the run's cost is counted and never limited", "add `cost 2` (in the prices' unit)");
        }
        if (!budget.prices().isEmpty() && !anyLoop) {
            out.warning(ValidationCodes.LOOP_PRICE, budget.span(), "prices are declared but no model loop uses them",
                    "remove them, or add a `loop`");
        }
    }
}
