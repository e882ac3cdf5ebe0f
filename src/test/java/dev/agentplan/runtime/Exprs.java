package dev.agentplan.runtime;

import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors of model expressions for tests (plans are built in code, not parsed). */
public final class Exprs {

    public static final SourceSpan AT = SourceSpan.of("test.agent", 7, 3);

    private Exprs() {
    }

    public static SourceSpan line(int line) {
        return SourceSpan.of("test.agent", line, 1);
    }

    public static Expr str(String s) {
        return new Expr.StringLiteral(s, AT);
    }

    public static Expr num(String n) {
        return new Expr.NumberLiteral(new BigDecimal(n), AT);
    }

    public static Expr num(long n) {
        return new Expr.NumberLiteral(BigDecimal.valueOf(n), AT);
    }

    public static Expr bool(boolean b) {
        return new Expr.BooleanLiteral(b, AT);
    }

    public static Expr nul() {
        return new Expr.NullLiteral(AT);
    }

    /** {@code path("evidence.body.severity")}; segments that are digits are list indexes. */
    public static Expr path(String dotted) {
        String[] parts = dotted.split("\\.");
        List<Expr.PathSegment> segs = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            segs.add(parts[i].matches("-?\\d+") ? new Expr.Index(num(parts[i])) : new Expr.Field(parts[i]));
        }
        return new Expr.PathExpr(parts[0], segs, AT);
    }

    public static Expr index(Expr base, Expr index) {
        Expr.PathExpr p = (Expr.PathExpr) base;
        List<Expr.PathSegment> segs = new ArrayList<>(p.segments());
        segs.add(new Expr.Index(index));
        return new Expr.PathExpr(p.root(), segs, AT);
    }

    public static Expr list(Expr... items) {
        return new Expr.ListExpr(List.of(items), AT);
    }

    /** {@code obj("a", expr, "b", expr)}. */
    public static Expr obj(Object... kv) {
        return new Expr.ObjectExpr(map(kv), AT);
    }

    public static Map<String, Expr> map(Object... kv) {
        Map<String, Expr> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Expr) kv[i + 1]);
        }
        return m;
    }

    public static Expr template(Expr... parts) {
        return new Expr.TemplateExpr(List.of(parts), AT);
    }

    public static Expr bin(String op, Expr l, Expr r) {
        return new Expr.BinaryExpr(Expr.BinaryOp.fromSymbol(op), l, r, AT);
    }

    public static Expr bin(String op, Expr l, Expr r, SourceSpan span) {
        return new Expr.BinaryExpr(Expr.BinaryOp.fromSymbol(op), l, r, span);
    }

    public static Expr not(Expr e) {
        return new Expr.UnaryExpr(Expr.UnaryOp.NOT, e, AT);
    }

    public static Expr neg(Expr e) {
        return new Expr.UnaryExpr(Expr.UnaryOp.NEGATE, e, AT);
    }

    public static Expr fn(String name, Expr... args) {
        return new Expr.FunctionCall(name, List.of(args), AT);
    }
}
