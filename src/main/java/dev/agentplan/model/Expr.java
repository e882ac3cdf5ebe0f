package dev.agentplan.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An expression: data the runtime evaluates deterministically (no I/O, no reflection, no clock
 * but workflow time). Values at run time are JSON values.
 */
public sealed interface Expr {

    SourceSpan span();

    record StringLiteral(String value, SourceSpan span) implements Expr {
    }

    /** Numbers are exact decimals, normalised (no trailing zeros) so 1.0 and 1 are the same literal. */
    record NumberLiteral(BigDecimal value, SourceSpan span) implements Expr {
        public NumberLiteral {
            value = normalise(value);
        }

        public static BigDecimal normalise(BigDecimal v) {
            BigDecimal s = v.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
    }

    record BooleanLiteral(boolean value, SourceSpan span) implements Expr {
    }

    record NullLiteral(SourceSpan span) implements Expr {
    }

    /** {@code { key: expr, … }}, keys in written order. */
    record ObjectExpr(Map<String, Expr> fields, SourceSpan span) implements Expr {
        public ObjectExpr {
            fields = Ordered.map(fields);
        }
    }

    record ListExpr(List<Expr> items, SourceSpan span) implements Expr {
        public ListExpr {
            items = Ordered.list(items);
        }
    }

    /**
     * A path into the run's data: {@code input.service}, {@code evidence.body.items[0].url}.
     * The root is {@code input}, a variable, a step result or a loop variable.
     */
    record PathExpr(String root, List<PathSegment> segments, SourceSpan span) implements Expr {
        public PathExpr {
            segments = Ordered.list(segments);
        }
    }

    /**
     * A string with interpolations, {@code "Incident ${input.alert_id}"}: parts are string
     * literals and expressions, concatenated as text. A template that is exactly one
     * interpolation is represented by that expression itself (its value is not stringified).
     */
    record TemplateExpr(List<Expr> parts, SourceSpan span) implements Expr {
        public TemplateExpr {
            parts = Ordered.list(parts);
        }
    }

    record UnaryExpr(UnaryOp op, Expr operand, SourceSpan span) implements Expr {
    }

    record BinaryExpr(BinaryOp op, Expr left, Expr right, SourceSpan span) implements Expr {
    }

    /** A call of one of the pure built-in {@link Function}s. */
    record FunctionCall(String function, List<Expr> args, SourceSpan span) implements Expr {
        public FunctionCall {
            args = Ordered.list(args);
        }
    }

    sealed interface PathSegment {
    }

    record Field(String name) implements PathSegment {
    }

    record Index(Expr index) implements PathSegment {
    }

    enum UnaryOp {
        NOT("!"), NEGATE("-");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    /** Binary operators with their text symbol and precedence (higher binds tighter). */
    enum BinaryOp {
        OR("||", 1), AND("&&", 2),
        EQ("==", 3), NE("!=", 3),
        LT("<", 4), LE("<=", 4), GT(">", 4), GE(">=", 4),
        ADD("+", 5), SUB("-", 5),
        MUL("*", 6), DIV("/", 6), MOD("%", 6);

        public final String symbol;
        public final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        public static BinaryOp fromSymbol(String symbol) {
            for (BinaryOp op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }
    }
}
