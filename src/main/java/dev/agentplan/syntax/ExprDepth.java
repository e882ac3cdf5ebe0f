package dev.agentplan.syntax;

import dev.agentplan.model.Expr;

/** Whether an expression tree is deeper than a limit, without recursing past the limit itself. */
final class ExprDepth {

    private ExprDepth() {
    }

    static boolean exceeds(Expr e, int limit) {
        return depth(e, limit + 1) > limit;
    }

    /** The depth of {@code e}, counted no further than {@code cap}. */
    private static int depth(Expr e, int cap) {
        if (cap <= 0) {
            return 0;
        }
        int below = 0;
        if (e instanceof Expr.BinaryExpr b) {
            below = Math.max(depth(b.left(), cap - 1), depth(b.right(), cap - 1));
        } else if (e instanceof Expr.UnaryExpr u) {
            below = depth(u.operand(), cap - 1);
        } else if (e instanceof Expr.ListExpr l) {
            for (Expr item : l.items()) {
                below = Math.max(below, depth(item, cap - 1));
            }
        } else if (e instanceof Expr.ObjectExpr o) {
            for (Expr v : o.fields().values()) {
                below = Math.max(below, depth(v, cap - 1));
            }
        } else if (e instanceof Expr.TemplateExpr t) {
            for (Expr p : t.parts()) {
                below = Math.max(below, depth(p, cap - 1));
            }
        } else if (e instanceof Expr.FunctionCall f) {
            for (Expr a : f.args()) {
                below = Math.max(below, depth(a, cap - 1));
            }
        } else if (e instanceof Expr.PathExpr p) {
            for (Expr.PathSegment s : p.segments()) {
                if (s instanceof Expr.Index i) {
                    below = Math.max(below, depth(i.index(), cap - 1));
                }
            }
        }
        return 1 + below;
    }
}
