package dev.agentplan.repository.diff;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import java.util.LinkedHashSet;
import java.util.Set;

/** What one step (its own fields, not nested steps) depends on: the tools it calls and the inputs it reads. */
final class StepUses {

    private StepUses() {
    }

    static Set<String> tools(Step step) {
        Set<String> out = new LinkedHashSet<>();
        if (step instanceof Step.CallStep s) {
            out.add(s.call().tool());
            if (s.undo() != null) {
                out.add(s.undo().tool());
            }
        }
        return out;
    }

    static Set<String> inputs(Step step) {
        Set<String> out = new LinkedHashSet<>();
        for (Expr e : step.expressions()) {
            collectInputs(e, out);
        }
        return out;
    }

    private static void collectInputs(Expr e, Set<String> out) {
        if (e instanceof Expr.PathExpr p) {
            if (p.root().equals("input") && !p.segments().isEmpty() && p.segments().get(0) instanceof Expr.Field f) {
                out.add(f.name());
            } else if (p.root().equals("input")) {
                out.add("*"); // the whole input object
            }
            for (Expr.PathSegment seg : p.segments()) {
                if (seg instanceof Expr.Index i) {
                    collectInputs(i.index(), out);
                }
            }
        } else if (e instanceof Expr.ObjectExpr o) {
            o.fields().values().forEach(v -> collectInputs(v, out));
        } else if (e instanceof Expr.ListExpr l) {
            l.items().forEach(v -> collectInputs(v, out));
        } else if (e instanceof Expr.TemplateExpr t) {
            t.parts().forEach(v -> collectInputs(v, out));
        } else if (e instanceof Expr.UnaryExpr u) {
            collectInputs(u.operand(), out);
        } else if (e instanceof Expr.BinaryExpr b) {
            collectInputs(b.left(), out);
            collectInputs(b.right(), out);
        } else if (e instanceof Expr.FunctionCall f) {
            f.args().forEach(v -> collectInputs(v, out));
        }
    }
}
