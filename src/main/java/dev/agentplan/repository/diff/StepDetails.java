package dev.agentplan.repository.diff;

import dev.agentplan.model.Expr;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in a step's own fields (not in the steps it contains), as diff details such as
 * {@code argument body changed} with both sides rendered.
 */
final class StepDetails {

    /** One changed field: what, and the value before and after ({@code null} when absent). */
    record Detail(String what, String before, String after) {
    }

    private final List<Detail> out = new ArrayList<>();

    private StepDetails() {
    }

    static List<Detail> compare(Step a, Step b) {
        StepDetails d = new StepDetails();
        if (!Bodies.shell(a).equals(Bodies.shell(b))) {
            d.fields(a, b);
        }
        return d.out;
    }

    /** Steps of different kinds have no fields in common to compare; the caller reports the kind change. */
    private void fields(Step x, Step y) {
        if (x.getClass() == y.getClass()) {
            x.accept(new Fields(y));
        }
    }

    /** The fields of each kind against those of {@code other}, a step of the same kind: exhaustive. */
    private final class Fields implements Step.Visitor<Void> {
        private final Step other;

        Fields(Step other) {
            this.other = other;
        }

        @Override
        public Void visitCall(Step.CallStep a) {
            Step.CallStep b = (Step.CallStep) other;
            field("binding", a.bind(), b.bind());
            call("", a.call(), b.call());
            field("idempotency key", a.idempotencyKey(), b.idempotencyKey());
            if (a.undo() == null || b.undo() == null) {
                field("undo", a.undo() == null ? null : a.undo().tool() + "(...)",
                        b.undo() == null ? null : b.undo().tool() + "(...)");
            } else {
                call("undo ", a.undo(), b.undo());
            }
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep a) {
            Step.IfStep b = (Step.IfStep) other;
            int n = Math.max(a.branches().size(), b.branches().size());
            for (int i = 0; i < n; i++) {
                String name = i == 0 ? "condition" : "else if " + i + " condition";
                Expr ca = i < a.branches().size() ? a.branches().get(i).condition() : null;
                Expr cb = i < b.branches().size() ? b.branches().get(i).condition() : null;
                field(name, ca, cb);
            }
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep a) {
            Step.ForEachStep b = (Step.ForEachStep) other;
            field("loop variable", a.variable(), b.variable());
            field("items", a.items(), b.items());
            if (!Objects.equals(a.maxConcurrency(), b.maxConcurrency())) {
                out.add(new Detail("concurrency changed", concurrency(a.maxConcurrency()), concurrency(b.maxConcurrency())));
            }
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep a) {
            Step.WhileStep b = (Step.WhileStep) other;
            field("condition", a.condition(), b.condition());
            field("max iterations", a.maxIterations(), b.maxIterations());
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep a) {
            Step.ParallelStep b = (Step.ParallelStep) other;
            field("binding", a.bind(), b.bind());
            field("join", a.mode(), b.mode());
            List<String> lanesA = a.lanes().stream().map(Step.Lane::name).toList();
            List<String> lanesB = b.lanes().stream().map(Step.Lane::name).toList();
            for (String lane : lanesB) {
                if (!lanesA.contains(lane)) {
                    out.add(new Detail("lane " + lane + " added", null, null));
                }
            }
            for (String lane : lanesA) {
                if (!lanesB.contains(lane)) {
                    out.add(new Detail("lane " + lane + " removed", null, null));
                }
            }
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep a) {
            Step.HandleStep b = (Step.HandleStep) other;
            handler(a.handler(), b.handler());
            field("leave", a.leave(), b.leave());
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep a) {
            Step.WaitStep b = (Step.WaitStep) other;
            field("duration", a.duration(), b.duration());
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep a) {
            Step.AwaitSignalStep b = (Step.AwaitSignalStep) other;
            field("binding", a.bind(), b.bind());
            field("signal", a.signal(), b.signal());
            field("timeout", a.timeout(), b.timeout());
            field("on_timeout", a.onTimeout(), b.onTimeout());
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep a) {
            Step.ApproveStep b = (Step.ApproveStep) other;
            field("name", a.name(), b.name());
            field("prompt", a.prompt(), b.prompt());
            field("approvers", a.approvers(), b.approvers());
            field("timeout", a.timeout(), b.timeout());
            field("on_timeout", a.onTimeout(), b.onTimeout());
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep a) {
            Step.SetStep b = (Step.SetStep) other;
            field("variable", a.variable(), b.variable());
            field("value", a.value(), b.value());
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep a) {
            Step.TryStep b = (Step.TryStep) other;
            int n = Math.max(a.catches().size(), b.catches().size());
            for (int i = 0; i < n; i++) {
                Step.Catch ca = i < a.catches().size() ? a.catches().get(i) : null;
                Step.Catch cb = i < b.catches().size() ? b.catches().get(i) : null;
                String name = "catch " + (i + 1);
                if (ca == null || cb == null) {
                    field(name, ca == null ? null : catchText(ca), cb == null ? null : catchText(cb));
                } else {
                    field(name + " error types", ca.errorTypes(), cb.errorTypes());
                    field(name + " variable", ca.variable(), cb.variable());
                }
            }
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep a) {
            Step.FailStep b = (Step.FailStep) other;
            field("reason", a.reason(), b.reason());
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep a) {
            Step.AssertStep b = (Step.AssertStep) other;
            field("condition", a.condition(), b.condition());
            field("message", a.message(), b.message());
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep a) {
            Step.ModelLoopStep b = (Step.ModelLoopStep) other;
            field("binding", a.bind(), b.bind());
            field("model", a.model(), b.model());
            field("ask", a.prompt(), b.prompt());
            field("context", a.context(), b.context());
            field("tools", a.toolNames(), b.toolNames());
            field("max_turns", a.maxTurns(), b.maxTurns());
            field("approval_timeout", a.approvalTimeout(), b.approvalTimeout());
            field("approvers", a.approvers(), b.approvers());
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep a) {
            Step.RunAgentStep b = (Step.RunAgentStep) other;
            field("binding", a.bind(), b.bind());
            field("agent", a.agent(), b.agent());
            field("ref", a.ref() == null ? "latest" : a.ref(), b.ref() == null ? "latest" : b.ref());
            arguments("input ", a.inputs(), b.inputs());
            return null;
        }
    }

    private void call(String prefix, Step.ToolCall a, Step.ToolCall b) {
        field(prefix + "tool", a.tool(), b.tool());
        arguments(prefix + "argument ", a.args(), b.args());
    }

    private void arguments(String prefix, Map<String, Expr> a, Map<String, Expr> b) {
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            field(prefix + name, a.get(name), b.get(name));
        }
    }

    private void handler(IntentHandler a, IntentHandler b) {
        field("kind", a.kind().keyword(), b.kind().keyword());
        field("event", a.event(), b.event());
        field("variable", a.variable(), b.variable());
        field("type", a.type().keyword(), b.type().keyword());
        field("default", a.defaultValue(), b.defaultValue());
    }

    /**
     * Adds "X changed/added/removed" when the two values differ. Two objects (or two lists of
     * the same length) are compared member by member, so a deep change reads
     * {@code argument body.title changed} instead of two long objects.
     */
    private void field(String what, Object a, Object b) {
        if (Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Expr.ObjectExpr oa && b instanceof Expr.ObjectExpr ob) {
            Set<String> keys = new LinkedHashSet<>(oa.fields().keySet());
            keys.addAll(ob.fields().keySet());
            for (String key : keys) {
                field(what + "." + key, oa.fields().get(key), ob.fields().get(key));
            }
            return;
        }
        if (a instanceof Expr.ListExpr la && b instanceof Expr.ListExpr lb && la.items().size() == lb.items().size()) {
            for (int i = 0; i < la.items().size(); i++) {
                field(what + "[" + i + "]", la.items().get(i), lb.items().get(i));
            }
            return;
        }
        String verb = a == null ? " added" : b == null ? " removed" : " changed";
        out.add(new Detail(what + verb, a == null ? null : Text.value(a), b == null ? null : Text.value(b)));
    }

    private static String concurrency(Integer max) {
        return max == null ? "sequential" : "parallel " + max;
    }

    private static String catchText(Step.Catch c) {
        return (c.errorTypes().isEmpty() ? "any error" : String.join(", ", c.errorTypes()))
                + (c.variable() == null ? "" : " as " + c.variable());
    }
}
