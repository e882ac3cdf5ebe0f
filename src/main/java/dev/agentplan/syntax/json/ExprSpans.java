package dev.agentplan.syntax.json;

import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rebuilds an expression tree with every span mapped, e.g. from string-relative to file positions. */
final class ExprSpans {

    private ExprSpans() {
    }

    /** {@code e} with its own span replaced by {@code root} and every span below it mapped by {@code f}. */
    static Expr map(Expr e, SourceSpan root, UnaryOperator<SourceSpan> f) {
        if (e == null) {
            return null;
        }
        Expr mapped = map(e, f);
        return map(mapped, new UnaryOperator<>() {
            private boolean first = true;

            @Override
            public SourceSpan apply(SourceSpan s) {
                boolean isRoot = first;
                first = false;
                return isRoot ? root : s;
            }
        });
    }

    static Expr map(Expr e, UnaryOperator<SourceSpan> f) {
        if (e == null) {
            return null;
        }
        SourceSpan s = f.apply(e.span());
        if (e instanceof Expr.StringLiteral x) {
            return new Expr.StringLiteral(x.value(), s);
        } else if (e instanceof Expr.NumberLiteral x) {
            return new Expr.NumberLiteral(x.value(), s);
        } else if (e instanceof Expr.BooleanLiteral x) {
            return new Expr.BooleanLiteral(x.value(), s);
        } else if (e instanceof Expr.NullLiteral) {
            return new Expr.NullLiteral(s);
        } else if (e instanceof Expr.ObjectExpr x) {
            Map<String, Expr> fields = new LinkedHashMap<>();
            x.fields().forEach((k, v) -> fields.put(k, map(v, f)));
            return new Expr.ObjectExpr(fields, s);
        } else if (e instanceof Expr.ListExpr x) {
            return new Expr.ListExpr(mapAll(x.items(), f), s);
        } else if (e instanceof Expr.PathExpr x) {
            List<Expr.PathSegment> segments = new ArrayList<>();
            for (Expr.PathSegment segment : x.segments()) {
                segments.add(segment instanceof Expr.Index i ? new Expr.Index(map(i.index(), f)) : segment);
            }
            return new Expr.PathExpr(x.root(), segments, s);
        } else if (e instanceof Expr.TemplateExpr x) {
            return new Expr.TemplateExpr(mapAll(x.parts(), f), s);
        } else if (e instanceof Expr.UnaryExpr x) {
            return new Expr.UnaryExpr(x.op(), map(x.operand(), f), s);
        } else if (e instanceof Expr.BinaryExpr x) {
            return new Expr.BinaryExpr(x.op(), map(x.left(), f), map(x.right(), f), s);
        } else if (e instanceof Expr.FunctionCall x) {
            return new Expr.FunctionCall(x.function(), mapAll(x.args(), f), s);
        }
        throw new IllegalStateException("unknown expression " + e.getClass().getSimpleName());
    }

    private static List<Expr> mapAll(List<Expr> items, UnaryOperator<SourceSpan> f) {
        List<Expr> out = new ArrayList<>(items.size());
        for (Expr item : items) {
            out.add(map(item, f));
        }
        return out;
    }
}
