package dev.agentplan.validate;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolKind;
import dev.agentplan.validate.flow.ToolFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks every expression of a plan where it is evaluated (the step's node in the graph, with the
 * loop and catch variables in scope) and checks names and types: input defaults, call arguments
 * against their tool kind's argument types, conditions, the items of a {@code for each}, outputs.
 */
final class ExpressionChecks {

    private final PlanFacts facts;
    private final Findings out;
    private final ExpressionTypes types;

    ExpressionChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
        this.types = new ExpressionTypes(new NameResolver(facts, out, VariableTypes.infer(facts)), out);
    }

    void run() {
        for (InputDecl input : facts.definition.inputs()) {
            if (input.defaultValue() == null) {
                continue;
            }
            StaticType t = types.check(input.defaultValue(), Site.constants());
            if (!t.fits(input.type())) {
                out.error(ValidationCodes.DEFAULT_TYPE, input.defaultValue().span(), "the default of input `" + input.name()
                                + "` is " + t.words + ", but the input is declared " + input.type().keyword(),
                        "give a default of type " + input.type().keyword() + ", or change the input's type");
            }
        }
        // Plan-wide handlers take their defaults as the run starts: only inputs exist then.
        Site start = Site.after(List.of(facts.graph.entry()), List.of(), "");
        facts.definition.handlers().forEach(h -> handlerDefault(h, start));
        steps(facts.definition.steps(), "", List.of());
        Site end = Site.before(List.of(facts.graph.exit()), List.of(), "");
        for (Map.Entry<String, Expr> field : facts.definition.output().entrySet()) {
            types.check(field.getValue(), end);
        }
    }

    private void steps(List<Step> steps, String prefix, List<PlanFacts.ScopedName> scope) {
        for (int i = 0; i < steps.size(); i++) {
            step(steps.get(i), StepPaths.child(prefix, i), scope);
        }
    }

    private void step(Step step, String path, List<PlanFacts.ScopedName> scope) {
        step.accept(new StepExpressions(step, path, scope));
    }

    /** Checks the expressions of one step, each where it is evaluated, then its bodies. */
    private final class StepExpressions implements Step.Visitor<Void> {
        private final String path;
        private final List<PlanFacts.ScopedName> scope;
        private final Site before;

        StepExpressions(Step step, String path, List<PlanFacts.ScopedName> scope) {
            this.path = path;
            this.scope = scope;
            this.before = Site.before(facts.graph.nodesOf(step), scope, path);
        }

        @Override
        public Void visitCall(Step.CallStep c) {
            arguments(c.call(), before);
            types.check(c.idempotencyKey(), before);
            if (c.undo() != null) {
                arguments(c.undo(), Site.after(facts.graph.nodesOf(c), scope, path));
            }
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep s) {
            for (int b = 0; b < s.branches().size(); b++) {
                Step.Branch branch = s.branches().get(b);
                condition(branch.condition(), Site.before(facts.graph.nodesOf(branch), scope, path),
                        b == 0 ? "`if`" : "`else if`");
                steps(branch.body(), StepPaths.body(path, BodyNames.branch(b, s.branches().size())), scope);
            }
            steps(s.otherwise(), StepPaths.body(path, BodyNames.ELSE), scope);
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            StaticType t = types.check(s.items(), before);
            if (t.isNot(StaticType.LIST) && s.items() != null) {
                out.error(ValidationCodes.NOT_A_LIST, s.items().span(), "`for each` needs a list, but this is " + t.words,
                        "loop over a list, like `[1, 2, 3]`, an input declared `list`, or `keys(object)`");
            }
            String body = StepPaths.body(path, BodyNames.BODY);
            steps(s.body(), body, with(scope, new PlanFacts.ScopedName(s.variable(), body, true, s.span())));
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            handlerDefault(s.handler(), before);
            steps(s.body(), StepPaths.body(path, BodyNames.BODY), scope);
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            condition(s.condition(), before, "`while`");
            steps(s.body(), StepPaths.body(path, BodyNames.BODY), scope);
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            for (Step.Lane lane : s.lanes()) {
                steps(lane.body(), StepPaths.body(path, BodyNames.lane(lane.name())), scope);
            }
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            types.check(s.prompt(), before);
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            types.check(s.prompt(), before);
            types.check(s.context(), before);
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            types.check(s.value(), before);
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            steps(s.body(), StepPaths.body(path, BodyNames.TRY), scope);
            for (int c = 0; c < s.catches().size(); c++) {
                Step.Catch clause = s.catches().get(c);
                String body = StepPaths.body(path, BodyNames.catchClause(c));
                steps(clause.body(), body, clause.variable() == null ? scope
                        : with(scope, new PlanFacts.ScopedName(clause.variable(), body, false, clause.span())));
            }
            steps(s.finallyBody(), StepPaths.body(path, BodyNames.FINALLY), scope);
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            types.check(s.reason(), before);
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            condition(s.condition(), before, "`assert`");
            if (s.message() != null) {
                types.check(s.message(), before);
            }
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            s.inputs().values().forEach(v -> types.check(v, before));
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            return null; // a duration literal: nothing to type
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            return null; // a signal name and a duration: nothing to type
        }
    }

    private void handlerDefault(IntentHandler h, Site site) {
        if (h.defaultValue() == null) {
            return;
        }
        StaticType t = types.check(h.defaultValue(), site);
        if (!t.fits(h.type())) {
            out.error(ValidationCodes.HANDLER_DEFAULT_TYPE, h.defaultValue().span(), "the default of `" + h.variable()
                            + "` is " + t.words + ", but the " + h.kind().keyword() + " \"" + h.event()
                            + "\" is declared " + h.type().keyword(),
                    "give a default of type " + h.type().keyword() + ", or change the declared type");
        }
    }

    private void arguments(Step.ToolCall call, Site site) {
        ToolFacts tool = facts.tool(call.tool());
        ToolKind kind = tool == null ? null : tool.kind();
        for (Map.Entry<String, Expr> arg : call.args().entrySet()) {
            StaticType t = types.check(arg.getValue(), site);
            ToolKind.Argument spec = kind == null ? null : kind.argument(arg.getKey());
            if (spec != null && !t.fits(spec.type())) {
                out.error(ValidationCodes.ARGUMENT_TYPE, arg.getValue().span(), "argument `" + arg.getKey() + "` of `"
                                + call.tool() + "` (kind `" + kind.name() + "`) must be " + StaticType.of(spec.type()).words
                                + ", but this is " + t.words,
                        "`" + arg.getKey() + "`: " + spec.help());
            }
        }
    }

    private void condition(Expr condition, Site site, String what) {
        StaticType t = types.check(condition, site);
        if (t.isNot(StaticType.BOOLEAN) && condition != null) {
            out.error(ValidationCodes.CONDITION_TYPE, condition.span(), "the condition of this " + what + " is " + t.words
                            + ", not true or false",
                    "conditions must be booleans: compare the value, like `x == \"yes\"` or `length(x) > 0`");
        }
    }

    private static List<PlanFacts.ScopedName> with(List<PlanFacts.ScopedName> scope, PlanFacts.ScopedName name) {
        List<PlanFacts.ScopedName> out = new ArrayList<>(scope);
        out.add(name);
        return out;
    }
}
