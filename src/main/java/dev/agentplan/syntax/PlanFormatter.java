package dev.agentplan.syntax;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Budget;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical {@code .agent} text of a plan, like gofmt: the header blocks in the order agent,
 * input, tools, budget, then the plan-wide {@code on} handlers; one input, tool, statement and output field per line; options in a fixed
 * order; durations normalised ({@code 90m} is {@code 1h30m}); call arguments on one line unless
 * that line would be longer than {@value Layout#MAX_WIDTH} columns; {@code output} last.
 * Reading the text back gives an equal model, and formatting it again gives the same text.
 * Comments from {@link ParseResult#comments()} are put back where they were.
 */
public final class PlanFormatter {

    private PlanFormatter() {
    }

    public static String format(AgentDefinition plan) {
        return format(plan, PlanComments.NONE);
    }

    /** The canonical text of a parsed plan, keeping its comments; the result must have a definition. */
    public static String format(ParseResult parsed) {
        return format(parsed.definition(), parsed.comments());
    }

    public static String format(AgentDefinition plan, PlanComments comments) {
        Layout out = new Layout(comments);
        out.before(CommentKeys.AGENT, 0, false);
        out.anchored(CommentKeys.AGENT, 0, List.of("agent " + plan.name()
                + (plan.description() == null ? "" : " " + PolicyText.quoted(plan.description()))));
        inputs(plan.inputs(), out);
        tools(plan.toolDefaults(), plan.tools(), out);
        budget(plan.budget(), out);
        handlers(plan.handlers(), out);
        if (!plan.steps().isEmpty()) {
            out.blank();
            new StepFormatter(out).steps(plan.steps(), "", 0);
        }
        output(plan.output(), out);
        if (out.hasComments(CommentKeys.END_FILE)) {
            out.blank();
            out.end(CommentKeys.END_FILE, 0);
        }
        return out.toString();
    }

    private static void inputs(List<InputDecl> inputs, Layout out) {
        if (inputs.isEmpty() && !out.hasComments(CommentKeys.INPUT, CommentKeys.end(CommentKeys.INPUT))) {
            return;
        }
        out.blank();
        out.before(CommentKeys.INPUT, 0, false);
        out.line(0, "input {");
        for (int i = 0; i < inputs.size(); i++) {
            InputDecl in = inputs.get(i);
            String key = CommentKeys.input(i);
            out.before(key, 1, i > 0);
            out.anchored(key, 1, List.of(in.name() + ": " + in.type().keyword()
                    + (in.defaultValue() == null ? "" : " = " + ExpressionText.print(in.defaultValue()))
                    + (in.description() == null ? "" : " " + PolicyText.quoted(in.description()))));
        }
        out.end(CommentKeys.end(CommentKeys.INPUT), 1);
        out.anchored(CommentKeys.INPUT, 0, List.of("}"));
    }

    private static void tools(ToolPolicy defaults, List<ToolDecl> tools, Layout out) {
        boolean hasDefaults = !defaults.equals(ToolPolicy.EMPTY);
        if (tools.isEmpty() && !hasDefaults
                && !out.hasComments(CommentKeys.TOOLS, CommentKeys.DEFAULTS, CommentKeys.end(CommentKeys.TOOLS))) {
            return;
        }
        out.blank();
        out.before(CommentKeys.TOOLS, 0, false);
        out.line(0, "tools {");
        if (hasDefaults) {
            out.before(CommentKeys.DEFAULTS, 1, false);
            out.anchored(CommentKeys.DEFAULTS, 1, List.of("defaults " + PolicyText.braces(PolicyText.options(defaults))));
        }
        for (int i = 0; i < tools.size(); i++) {
            ToolDecl t = tools.get(i);
            String key = CommentKeys.tool(i);
            out.before(key, 1, i > 0 || hasDefaults);
            List<String> options = t.mcp() != null ? PolicyText.mcpOptions(t.mcp(), t.policy()) : PolicyText.options(t.policy());
            out.anchored(key, 1, List.of(t.name() + " = " + t.kind()
                    + (options.isEmpty() ? "" : " " + PolicyText.braces(options))));
        }
        out.end(CommentKeys.end(CommentKeys.TOOLS), 1);
        out.anchored(CommentKeys.TOOLS, 0, List.of("}"));
    }

    private static void budget(Budget budget, Layout out) {
        if (budget.isUnlimited() && !out.hasComments(CommentKeys.BUDGET)) {
            return;
        }
        List<String> options = new ArrayList<>();
        if (budget.toolCalls() != null) {
            options.add("tool_calls " + budget.toolCalls());
        }
        if (budget.steps() != null) {
            options.add("steps " + budget.steps());
        }
        if (budget.duration() != null) {
            options.add("duration " + DurationText.format(budget.duration()));
        }
        if (budget.cost() != null) {
            options.add("cost " + plain(budget.cost()));
        }
        budget.prices().forEach((model, price) -> options.add("price " + PolicyText.quoted(model) + " { prompt "
                + plain(price.prompt()) + "  completion " + plain(price.completion()) + " }"));
        out.blank();
        out.before(CommentKeys.BUDGET, 0, false);
        out.anchored(CommentKeys.BUDGET, 0, List.of("budget " + PolicyText.braces(options)));
    }

    private static void handlers(List<IntentHandler> handlers, Layout out) {
        for (int i = 0; i < handlers.size(); i++) {
            String key = CommentKeys.handler(i);
            if (i == 0) {
                out.blank();
            }
            out.before(key, 0, false);
            out.anchored(key, 0, List.of(StepFormatter.handler(handlers.get(i))));
        }
    }

    private static void output(Map<String, Expr> output, Layout out) {
        if (output.isEmpty() && !out.hasComments(CommentKeys.OUTPUT, CommentKeys.end(CommentKeys.OUTPUT))) {
            return;
        }
        out.blank();
        out.before(CommentKeys.OUTPUT, 0, false);
        out.line(0, "output {");
        int i = 0;
        for (Map.Entry<String, Expr> f : output.entrySet()) {
            String key = CommentKeys.output(i);
            out.before(key, 1, i > 0);
            StringBuilder line = new StringBuilder();
            ExpressionPrinter.key(f.getKey(), line);
            line.append(": ");
            ExpressionPrinter.print(f.getValue(), line);
            out.anchored(key, 1, List.of(line.toString()));
            i++;
        }
        out.end(CommentKeys.end(CommentKeys.OUTPUT), 1);
        out.anchored(CommentKeys.OUTPUT, 0, List.of("}"));
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
