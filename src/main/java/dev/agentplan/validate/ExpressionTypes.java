package dev.agentplan.validate;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Function;
import dev.agentplan.model.Suggestions;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Checks one expression: functions and their arities, names (through {@link NameResolver}) and
 * the types that are certain without running the plan, with the runtime's rules: conditions and
 * {@code ! && ||} need booleans, {@code - * / %} numbers, {@code < <= > >=} two numbers or two
 * strings, {@code +} two numbers, strings, lists or objects.
 */
final class ExpressionTypes {

    private final NameResolver names;
    private final Findings out;

    ExpressionTypes(NameResolver names, Findings out) {
        this.names = names;
        this.out = out;
    }

    /** Checks {@code e} and gives its type as far as it is known; a null expression is ANY. */
    StaticType check(Expr e, Site site) {
        if (e == null) {
            return StaticType.ANY;
        }
        if (e instanceof Expr.StringLiteral) {
            return StaticType.STRING;
        }
        if (e instanceof Expr.NumberLiteral) {
            return StaticType.NUMBER;
        }
        if (e instanceof Expr.BooleanLiteral) {
            return StaticType.BOOLEAN;
        }
        if (e instanceof Expr.NullLiteral) {
            return StaticType.NULL;
        }
        if (e instanceof Expr.ObjectExpr o) {
            o.fields().values().forEach(v -> check(v, site));
            return StaticType.OBJECT;
        }
        if (e instanceof Expr.ListExpr l) {
            l.items().forEach(v -> check(v, site));
            return StaticType.LIST;
        }
        if (e instanceof Expr.TemplateExpr t) {
            t.parts().forEach(v -> check(v, site));
            return StaticType.STRING;
        }
        if (e instanceof Expr.PathExpr p) {
            return path(p, site);
        }
        if (e instanceof Expr.UnaryExpr u) {
            return unary(u, site);
        }
        if (e instanceof Expr.BinaryExpr b) {
            return binary(b, site);
        }
        if (e instanceof Expr.FunctionCall f) {
            return function(f, site);
        }
        return StaticType.ANY;
    }

    private StaticType path(Expr.PathExpr p, Site site) {
        StaticType root = names.resolveRoot(p, site);
        for (Expr.PathSegment s : p.segments()) {
            if (s instanceof Expr.Index i) {
                StaticType t = check(i.index(), site);
                if (t.isNot(StaticType.NUMBER, StaticType.STRING)) {
                    out.error(ValidationCodes.OPERAND_TYPE, i.index().span(), "an index must be a number or a string, but this is "
                            + t.words, "use a number for a list item (`[0]`) or a string for an object field (`[\"key\"]`)");
                }
            }
        }
        return root;
    }

    private StaticType unary(Expr.UnaryExpr u, Site site) {
        StaticType t = check(u.operand(), site);
        if (u.op() == Expr.UnaryOp.NOT) {
            if (t.isNot(StaticType.BOOLEAN)) {
                wrong(u, "'!' needs a boolean, but its operand is " + t.words, "compare the value instead, like `x == \"\"`");
            }
            return StaticType.BOOLEAN;
        }
        if (t.isNot(StaticType.NUMBER)) {
            wrong(u, "'-' needs a number, but its operand is " + t.words, "negate numbers only, like `-1` or `0 - x`");
        }
        return StaticType.NUMBER;
    }

    private StaticType binary(Expr.BinaryExpr b, Site site) {
        StaticType l = check(b.left(), site);
        StaticType r = check(b.right(), site);
        String op = "'" + b.op().symbol + "'";
        switch (b.op()) {
            case AND, OR -> {
                if (l.isNot(StaticType.BOOLEAN) || r.isNot(StaticType.BOOLEAN)) {
                    wrong(b, op + " needs booleans on both sides, but got " + pair(l, r),
                            "compare the values first, like `length(x) > 0`");
                }
                return StaticType.BOOLEAN;
            }
            case EQ, NE -> {
                return StaticType.BOOLEAN;
            }
            case LT, LE, GT, GE -> {
                boolean ordered = l.isNot(StaticType.NUMBER, StaticType.STRING) || r.isNot(StaticType.NUMBER, StaticType.STRING)
                        || l.known() && r.known() && l != r;
                if (ordered) {
                    wrong(b, "cannot compare " + pair(l, r) + " with " + op
                            + ": both sides must be numbers or both strings",
                            "compare like with like, or use `==` / `!=`, which compare any two values");
                }
                return StaticType.BOOLEAN;
            }
            case ADD -> {
                return add(b, l, r);
            }
            default -> {
                if (l.isNot(StaticType.NUMBER) || r.isNot(StaticType.NUMBER)) {
                    wrong(b, op + " needs numbers, but got " + pair(l, r),
                            "use numbers on both sides; to join text, use a template such as \"${a}${b}\"");
                } else if ((b.op() == Expr.BinaryOp.DIV || b.op() == Expr.BinaryOp.MOD)
                        && b.right() instanceof Expr.NumberLiteral n && n.value().compareTo(BigDecimal.ZERO) == 0) {
                    wrong(b, "division by zero", "divide by a number other than 0");
                }
                return StaticType.NUMBER;
            }
        }
    }

    private StaticType add(Expr.BinaryExpr b, StaticType l, StaticType r) {
        StaticType[] addable = {StaticType.NUMBER, StaticType.STRING, StaticType.LIST, StaticType.OBJECT};
        if (l.isNot(addable) || r.isNot(addable) || l.known() && r.known() && l != r) {
            boolean text = l == StaticType.STRING || r == StaticType.STRING;
            wrong(b, "cannot add " + pair(l, r) + ": '+' adds two numbers, joins two strings or two lists, or merges two objects",
                    text ? "to put a value into text, use a template: \"${a}${b}\""
                            : "add values of the same type: numbers, strings, lists or objects");
            return StaticType.ANY;
        }
        return l.known() ? l : r;
    }

    private StaticType function(Expr.FunctionCall call, Site site) {
        List<StaticType> args = call.args().stream().map(a -> check(a, site)).toList();
        Function f = Function.byName(call.function());
        if (f == null) {
            List<String> known = Arrays.stream(Function.values()).map(x -> x.functionName).toList();
            out.error(ValidationCodes.UNKNOWN_FUNCTION, call.span(), "there is no function `" + call.function() + "`"
                    + Suggestions.didYouMean(call.function(), known), "the functions are: " + String.join(", ", known));
            return StaticType.ANY;
        }
        int n = args.size();
        if (n < f.minArgs || n > f.maxArgs) {
            out.error(ValidationCodes.FUNCTION_ARITY, call.span(), "`" + f.functionName + "` takes " + arity(f)
                    + ", but is given " + n, f.help);
            return result(f);
        }
        switch (f) {
            case LENGTH -> argument(call, f, args, 0, StaticType.STRING, StaticType.LIST, StaticType.OBJECT);
            case CONTAINS -> argument(call, f, args, 0, StaticType.STRING, StaticType.LIST, StaticType.OBJECT);
            case LOWER, UPPER, TRIM, FROM_JSON -> argument(call, f, args, 0, StaticType.STRING);
            case STARTS_WITH, ENDS_WITH -> {
                argument(call, f, args, 0, StaticType.STRING);
                argument(call, f, args, 1, StaticType.STRING);
            }
            case KEYS -> argument(call, f, args, 0, StaticType.OBJECT);
            case SECRET -> argument(call, f, args, 0, StaticType.STRING);
            case JOIN -> {
                argument(call, f, args, 0, StaticType.LIST);
                argument(call, f, args, 1, StaticType.STRING);
            }
            default -> {
                // coalesce, toJson and now take anything
            }
        }
        return result(f);
    }

    private void argument(Expr.FunctionCall call, Function f, List<StaticType> args, int i, StaticType... allowed) {
        StaticType t = args.get(i);
        if (t.isNot(allowed)) {
            String want = String.join(" or ", Arrays.stream(allowed).map(a -> a.words).toList());
            out.error(ValidationCodes.OPERAND_TYPE, call.args().get(i).span(), "`" + f.functionName + "` needs "
                    + want + (f.maxArgs > 1 ? " as its " + ordinal(i) + " argument" : "") + ", but this is " + t.words, f.help);
        }
    }

    private static StaticType result(Function f) {
        return switch (f) {
            case LENGTH -> StaticType.NUMBER;
            case CONTAINS, STARTS_WITH, ENDS_WITH -> StaticType.BOOLEAN;
            case LOWER, UPPER, TRIM, TO_JSON, JOIN, NOW, SECRET -> StaticType.STRING;
            case KEYS -> StaticType.LIST;
            case COALESCE, FROM_JSON, RAW -> StaticType.ANY;
        };
    }

    private static String arity(Function f) {
        if (f.maxArgs == Integer.MAX_VALUE) {
            return "at least " + f.minArgs + " argument" + (f.minArgs == 1 ? "" : "s");
        }
        if (f.minArgs == f.maxArgs) {
            return f.minArgs == 0 ? "no arguments" : f.minArgs + " argument" + (f.minArgs == 1 ? "" : "s");
        }
        return f.minArgs + " to " + f.maxArgs + " arguments";
    }

    private static String ordinal(int i) {
        return i == 0 ? "first" : i == 1 ? "second" : (i + 1) + "th";
    }

    private static String pair(StaticType l, StaticType r) {
        return l.words + " and " + r.words;
    }

    private void wrong(Expr e, String message, String hint) {
        out.error(ValidationCodes.OPERAND_TYPE, e.span(), message, hint);
    }
}
