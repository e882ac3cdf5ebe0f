package dev.agentplan.syntax;

import dev.agentplan.model.Expr;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical expression source: single spaces around binary operators, parentheses only where
 * precedence needs them, {@code { k: v }} objects and {@code [a, b]} lists, strings and templates
 * in double quotes with escapes.
 */
final class ExpressionPrinter {

    private static final Pattern WORD = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private ExpressionPrinter() {
    }

    static boolean isWord(String s) {
        return WORD.matcher(s).matches();
    }

    static void print(Expr e, StringBuilder out) {
        if (e instanceof Expr.StringLiteral s) {
            quoted(s.value(), out);
        } else if (e instanceof Expr.NumberLiteral n) {
            out.append(n.value().toPlainString());
        } else if (e instanceof Expr.BooleanLiteral b) {
            out.append(b.value());
        } else if (e instanceof Expr.NullLiteral) {
            out.append("null");
        } else if (e instanceof Expr.ObjectExpr o) {
            object(o.fields(), out);
        } else if (e instanceof Expr.ListExpr l) {
            out.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                print(l.items().get(i), out);
            }
            out.append(']');
        } else if (e instanceof Expr.PathExpr p) {
            path(p, out);
        } else if (e instanceof Expr.TemplateExpr t) {
            out.append('"');
            for (Expr part : t.parts()) {
                if (part instanceof Expr.StringLiteral s) {
                    StringEscapes.escape(s.value(), out);
                } else {
                    out.append("${");
                    print(part, out);
                    out.append('}');
                }
            }
            out.append('"');
        } else if (e instanceof Expr.UnaryExpr u) {
            unary(u, out);
        } else if (e instanceof Expr.BinaryExpr b) {
            binary(b, out);
        } else if (e instanceof Expr.FunctionCall f) {
            out.append(f.function()).append('(');
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                print(f.args().get(i), out);
            }
            out.append(')');
        }
    }

    static void quoted(String value, StringBuilder out) {
        out.append('"');
        StringEscapes.escape(value, out);
        out.append('"');
    }

    /** A key of an object, argument or output: bare when it is a word, quoted otherwise. */
    static void key(String key, StringBuilder out) {
        if (isWord(key)) {
            out.append(key);
        } else {
            quoted(key, out);
        }
    }

    static void object(Map<String, Expr> fields, StringBuilder out) {
        if (fields.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{ ");
        Iterator<Map.Entry<String, Expr>> it = fields.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Expr> f = it.next();
            key(f.getKey(), out);
            out.append(": ");
            print(f.getValue(), out);
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append(" }");
    }

    private static void path(Expr.PathExpr p, StringBuilder out) {
        out.append(p.root());
        for (Expr.PathSegment s : p.segments()) {
            if (s instanceof Expr.Field f) {
                if (isWord(f.name())) {
                    out.append('.').append(f.name());
                } else {
                    out.append('[');
                    quoted(f.name(), out);
                    out.append(']');
                }
            } else {
                out.append('[');
                print(((Expr.Index) s).index(), out);
                out.append(']');
            }
        }
    }

    private static void unary(Expr.UnaryExpr u, StringBuilder out) {
        out.append(u.op().symbol);
        Expr operand = u.operand();
        boolean parens = operand instanceof Expr.BinaryExpr
                || (operand instanceof Expr.NumberLiteral n && (n.value().signum() < 0 || u.op() == Expr.UnaryOp.NEGATE))
                || (operand instanceof Expr.UnaryExpr inner && inner.op() == u.op() && u.op() == Expr.UnaryOp.NEGATE);
        if (parens) {
            out.append('(');
            print(operand, out);
            out.append(')');
        } else {
            print(operand, out);
        }
    }

    private static void binary(Expr.BinaryExpr b, StringBuilder out) {
        int precedence = b.op().precedence;
        operand(b.left(), b.left() instanceof Expr.BinaryExpr l && l.op().precedence < precedence, out);
        out.append(' ').append(b.op().symbol).append(' ');
        operand(b.right(), b.right() instanceof Expr.BinaryExpr r && r.op().precedence <= precedence, out);
    }

    private static void operand(Expr e, boolean parens, StringBuilder out) {
        if (parens) {
            out.append('(');
            print(e, out);
            out.append(')');
        } else {
            print(e, out);
        }
    }
}
