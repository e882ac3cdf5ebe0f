package dev.agentplan.runtime.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Function;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.runtime.limits.Limits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Evaluates model expressions over JSON values. Pure and deterministic: the only outside input
 * is the clock passed in (workflow time inside the interpreter), so replays compute the same.
 *
 * <p>Paths are forgiving the way jq is: a name nothing is bound to, a missing field and a field
 * of null are all null (a value bound only in a branch not taken reads as null). Operators are
 * strict: {@code 1 + "a"} or {@code !"x"} are {@link ExpressionError}s naming the types.
 *
 * <p>Limits ({@link Limits}): every string, list, object and number an evaluation produces is
 * checked, and so is the number of steps one evaluation takes; going over is a
 * {@link LimitExceeded} before the value is built, so no plan can exhaust a worker's memory. The
 * checks are pure functions of the values, so a replay decides the same way.
 *
 * <p>Not thread-safe: one evaluation at a time (workflow threads run one at a time and an
 * evaluation never blocks).
 */
public final class Evaluator {

    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private final LongSupplier nowMillis;
    /** Secret name to the reference text a run uses for it; null where secrets are not available. */
    private final UnaryOperator<String> secretReference;
    /** Steps taken by the evaluation in progress, and how deeply evaluate() is nested in it. */
    private long steps;
    private int active;

    public Evaluator(LongSupplier nowMillis) {
        this(nowMillis, null);
    }

    public Evaluator(LongSupplier nowMillis, UnaryOperator<String> secretReference) {
        this.nowMillis = nowMillis;
        this.secretReference = secretReference;
    }

    public JsonNode evaluate(Expr expr, Bindings bindings) {
        if (active++ == 0) {
            steps = 0; // a new top-level evaluation: a fresh step budget
        }
        try {
            charge(1, expr.span());
            return evaluateNode(expr, bindings);
        } finally {
            active--;
        }
    }

    /** Counts work against the step budget of the evaluation in progress. */
    private void charge(long n, SourceSpan span) {
        steps += n;
        if (steps > Limits.EVALUATION_MAX_STEPS) {
            throw new LimitExceeded("the expression took more than " + Limits.EVALUATION_MAX_STEPS
                    + " evaluation steps", span);
        }
    }

    /** Checks a value built from others (sizes, depth, numbers) and counts the nodes visited. */
    private JsonNode checked(JsonNode value, SourceSpan span) {
        charge(ValueLimits.measure(value, span), span);
        return value;
    }

    /** The text of a value the way a template renders it, refusing numbers and values too big to print. */
    private String render(JsonNode value, SourceSpan span) {
        if (value.isNumber()) {
            ValueLimits.checkNumber(Values.decimal(value), span);
        } else if (value.isContainerNode()) {
            checked(value, span);
        }
        String text = Values.text(value);
        ValueLimits.checkStringLength(text.length(), span);
        return text;
    }

    private JsonNode evaluateNode(Expr expr, Bindings bindings) {
        if (expr instanceof Expr.StringLiteral e) {
            return Values.NODES.textNode(e.value());
        }
        if (expr instanceof Expr.NumberLiteral e) {
            return Values.number(e.value());
        }
        if (expr instanceof Expr.BooleanLiteral e) {
            return BooleanNode.valueOf(e.value());
        }
        if (expr instanceof Expr.NullLiteral) {
            return NullNode.getInstance();
        }
        if (expr instanceof Expr.ObjectExpr e) {
            ObjectNode out = Values.NODES.objectNode();
            for (Map.Entry<String, Expr> f : e.fields().entrySet()) {
                out.set(f.getKey(), evaluate(f.getValue(), bindings));
            }
            return checked(out, e.span());
        }
        if (expr instanceof Expr.ListExpr e) {
            ArrayNode out = Values.NODES.arrayNode();
            for (Expr item : e.items()) {
                out.add(evaluate(item, bindings));
            }
            return checked(out, e.span());
        }
        if (expr instanceof Expr.PathExpr e) {
            return path(e, bindings);
        }
        if (expr instanceof Expr.TemplateExpr e) {
            StringBuilder sb = new StringBuilder();
            for (Expr part : e.parts()) {
                String text = render(evaluate(part, bindings), e.span());
                ValueLimits.checkStringLength((long) sb.length() + text.length(), e.span());
                sb.append(text);
            }
            return Values.NODES.textNode(sb.toString());
        }
        if (expr instanceof Expr.UnaryExpr e) {
            return unary(e, bindings);
        }
        if (expr instanceof Expr.BinaryExpr e) {
            return binary(e, bindings);
        }
        if (expr instanceof Expr.FunctionCall e) {
            return call(e, bindings);
        }
        throw new ExpressionError("unsupported expression " + expr.getClass().getSimpleName(), expr.span());
    }

    /** A condition: must be a boolean (no truthiness, so a typo does not silently read as false). */
    public boolean condition(Expr expr, Bindings bindings) {
        JsonNode v = evaluate(expr, bindings);
        if (!v.isBoolean()) {
            throw new ExpressionError("a condition must be a boolean, got " + Values.typeName(v), expr.span());
        }
        return v.booleanValue();
    }

    /** The value as text, the way a template renders it. */
    public String text(Expr expr, Bindings bindings) {
        return render(evaluate(expr, bindings), expr.span());
    }

    // ---- paths ----

    private JsonNode path(Expr.PathExpr e, Bindings bindings) {
        JsonNode current = "input".equals(e.root()) ? bindings.input() : bindings.lookup(e.root());
        current = Values.orNull(current);
        for (Expr.PathSegment seg : e.segments()) {
            if (seg instanceof Expr.Field f) {
                current = field(current, f.name(), e.span());
            } else if (seg instanceof Expr.Index ix) {
                JsonNode index = evaluate(ix.index(), bindings);
                if (index.isTextual()) {
                    current = field(current, index.textValue(), ix.index().span());
                } else if (index.isNumber()) {
                    current = element(current, index, ix.index().span());
                } else {
                    throw new ExpressionError("an index must be a number or a string, got "
                            + Values.typeName(index), ix.index().span());
                }
            }
        }
        return current;
    }

    private static JsonNode field(JsonNode value, String name, SourceSpan span) {
        if (Values.isNull(value)) {
            return NullNode.getInstance();
        }
        if (!value.isObject()) {
            throw new ExpressionError("cannot read field '" + name + "' of a " + Values.typeName(value), span);
        }
        return Values.orNull(value.get(name));
    }

    private static JsonNode element(JsonNode value, JsonNode index, SourceSpan span) {
        if (Values.isNull(value)) {
            return NullNode.getInstance();
        }
        if (!value.isArray()) {
            throw new ExpressionError("cannot index a " + Values.typeName(value) + " with a number", span);
        }
        BigDecimal d = Values.decimal(index);
        int i;
        try {
            i = d.intValueExact();
        } catch (ArithmeticException notInt) {
            throw new ExpressionError("a list index must be a whole number, got " + Values.text(index), span);
        }
        if (i < 0) {
            i += value.size(); // negative indexes count from the end
        }
        return i < 0 || i >= value.size() ? NullNode.getInstance() : value.get(i);
    }

    // ---- operators ----

    private JsonNode unary(Expr.UnaryExpr e, Bindings bindings) {
        JsonNode v = evaluate(e.operand(), bindings);
        if (e.op() == Expr.UnaryOp.NOT) {
            if (!v.isBoolean()) {
                throw new ExpressionError("'!' needs a boolean, got " + Values.typeName(v), e.span());
            }
            return BooleanNode.valueOf(!v.booleanValue());
        }
        if (!v.isNumber()) {
            throw new ExpressionError("'-' needs a number, got " + Values.typeName(v), e.span());
        }
        ValueLimits.checkNumber(Values.decimal(v), e.span());
        return Values.number(Values.decimal(v).negate());
    }

    private JsonNode binary(Expr.BinaryExpr e, Bindings bindings) {
        Expr.BinaryOp op = e.op();
        if (op == Expr.BinaryOp.AND || op == Expr.BinaryOp.OR) {
            boolean left = bool(op, evaluate(e.left(), bindings), e.span());
            if (op == Expr.BinaryOp.AND ? !left : left) {
                return BooleanNode.valueOf(left); // short circuit: the right side is not evaluated
            }
            return BooleanNode.valueOf(bool(op, evaluate(e.right(), bindings), e.span()));
        }
        JsonNode l = evaluate(e.left(), bindings);
        JsonNode r = evaluate(e.right(), bindings);
        return switch (op) {
            case EQ -> BooleanNode.valueOf(Values.same(l, r));
            case NE -> BooleanNode.valueOf(!Values.same(l, r));
            case LT, LE, GT, GE -> compare(op, l, r, e.span());
            case ADD -> add(l, r, e.span());
            case SUB, MUL, DIV, MOD -> arithmetic(op, l, r, e.span());
            default -> throw new ExpressionError("unsupported operator " + op.symbol, e.span());
        };
    }

    private static boolean bool(Expr.BinaryOp op, JsonNode v, SourceSpan span) {
        if (!v.isBoolean()) {
            throw new ExpressionError("'" + op.symbol + "' needs booleans, got " + Values.typeName(v), span);
        }
        return v.booleanValue();
    }

    private static JsonNode compare(Expr.BinaryOp op, JsonNode l, JsonNode r, SourceSpan span) {
        int c;
        if (l.isNumber() && r.isNumber()) {
            c = Values.decimal(l).compareTo(Values.decimal(r));
        } else if (l.isTextual() && r.isTextual()) {
            c = l.textValue().compareTo(r.textValue());
        } else {
            throw new ExpressionError("cannot compare " + Values.typeName(l) + " " + op.symbol + " "
                    + Values.typeName(r) + " (both sides must be numbers or both strings)", span);
        }
        return BooleanNode.valueOf(switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
        });
    }

    private JsonNode add(JsonNode l, JsonNode r, SourceSpan span) {
        if (l.isNumber() && r.isNumber()) {
            // 1e1000 + 1e-1000 is exact: 2,001 digits. Bounded operands keep that cheap; the result is checked.
            ValueLimits.checkNumber(Values.decimal(l), span);
            ValueLimits.checkNumber(Values.decimal(r), span);
            return Values.number(Values.decimal(l).add(Values.decimal(r)));
        }
        if (l.isTextual() && r.isTextual()) {
            ValueLimits.checkStringLength((long) l.textValue().length() + r.textValue().length(), span);
            return Values.NODES.textNode(l.textValue() + r.textValue());
        }
        if (l.isArray() && r.isArray()) {
            ValueLimits.checkItems((long) l.size() + r.size(), "list", span);
            ArrayNode out = Values.NODES.arrayNode();
            out.addAll((ArrayNode) l);
            out.addAll((ArrayNode) r);
            return checked(out, span);
        }
        if (l.isObject() && r.isObject()) {
            ValueLimits.checkItems((long) l.size() + r.size(), "object", span);
            charge(l.size() + r.size(), span);
            ObjectNode out = ((ObjectNode) l).deepCopy();
            out.setAll((ObjectNode) r); // the right side wins, like a merge
            return checked(out, span);
        }
        String hint = l.isTextual() || r.isTextual() ? " (use a template such as \"${a}${b}\" to join text)" : "";
        throw new ExpressionError("cannot add " + Values.typeName(l) + " and " + Values.typeName(r) + hint, span);
    }

    private static JsonNode arithmetic(Expr.BinaryOp op, JsonNode l, JsonNode r, SourceSpan span) {
        if (!l.isNumber() || !r.isNumber()) {
            throw new ExpressionError("'" + op.symbol + "' needs numbers, got " + Values.typeName(l) + " and "
                    + Values.typeName(r), span);
        }
        BigDecimal a = Values.decimal(l);
        BigDecimal b = Values.decimal(r);
        ValueLimits.checkNumber(a, span);
        ValueLimits.checkNumber(b, span);
        if ((op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.MOD) && b.signum() == 0) {
            throw new ExpressionError("division by zero", span);
        }
        return Values.number(switch (op) {
            case SUB -> a.subtract(b);
            case MUL -> a.multiply(b);
            case DIV -> a.divide(b, DIVISION);
            default -> a.remainder(b);
        });
    }

    // ---- functions ----

    private JsonNode call(Expr.FunctionCall e, Bindings bindings) {
        Function f = Function.byName(e.function());
        if (f == null) {
            throw new ExpressionError("unknown function '" + e.function() + "'", e.span());
        }
        int n = e.args().size();
        if (n < f.minArgs || n > f.maxArgs) {
            throw new ExpressionError("'" + f.functionName + "' takes " + arity(f) + ", got " + n, e.span());
        }
        if (f == Function.COALESCE) {
            for (Expr arg : e.args()) {
                JsonNode v = evaluate(arg, bindings);
                if (!Values.isNull(v)) {
                    return v; // later arguments are not evaluated
                }
            }
            return NullNode.getInstance();
        }
        if (f == Function.SECRET) {
            return secret(e, bindings);
        }
        List<JsonNode> args = new ArrayList<>(n);
        for (Expr arg : e.args()) {
            args.add(evaluate(arg, bindings));
        }
        switch (f) {
            case TO_JSON, JOIN -> checked(args.get(0), e.span()); // sizes and printable numbers, before printing
            case CONTAINS, KEYS -> charge(args.get(0).size(), e.span());
            default -> { }
        }
        JsonNode result = Functions.apply(f, args, nowMillis, e.span());
        if (result.isTextual()) {
            ValueLimits.checkStringLength(result.textValue().length(), e.span());
        } else if (f == Function.FROM_JSON) {
            checked(result, e.span()); // "1e1000000000" parses cheaply; printing it would not be
        }
        return result;
    }

    /** A reference to the secret, never its value: the tool's activity resolves it on the worker. */
    private JsonNode secret(Expr.FunctionCall e, Bindings bindings) {
        JsonNode name = evaluate(e.args().get(0), bindings);
        if (!name.isTextual() || !name.textValue().matches("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}")) {
            throw new ExpressionError("'secret' needs a name of letters, digits, _ . - (starting with a letter or _), got "
                    + (name.isTextual() ? "'" + name.textValue() + "'" : Values.typeName(name)), e.span());
        }
        if (secretReference == null) {
            throw new ExpressionError("secret(\"" + name.textValue() + "\") can only be used inside a run", e.span());
        }
        return Values.NODES.textNode(secretReference.apply(name.textValue()));
    }

    private static String arity(Function f) {
        if (f.maxArgs == Integer.MAX_VALUE) {
            return "at least " + f.minArgs + " argument" + (f.minArgs == 1 ? "" : "s");
        }
        if (f.minArgs == f.maxArgs) {
            return f.minArgs + " argument" + (f.minArgs == 1 ? "" : "s");
        }
        return f.minArgs + " to " + f.maxArgs + " arguments";
    }

    /** The built-in functions other than coalesce, over evaluated arguments. */
    static final class Functions {

        private Functions() {
        }

        static JsonNode apply(Function f, List<JsonNode> a, LongSupplier nowMillis, SourceSpan span) {
            return switch (f) {
                case LENGTH -> length(a.get(0), span);
                case CONTAINS -> BooleanNode.valueOf(contains(a.get(0), a.get(1), span));
                case LOWER -> Values.NODES.textNode(string(f, a.get(0), span).toLowerCase(Locale.ROOT));
                case UPPER -> Values.NODES.textNode(string(f, a.get(0), span).toUpperCase(Locale.ROOT));
                case TRIM -> Values.NODES.textNode(string(f, a.get(0), span).strip());
                case STARTS_WITH -> BooleanNode.valueOf(string(f, a.get(0), span).startsWith(string(f, a.get(1), span)));
                case ENDS_WITH -> BooleanNode.valueOf(string(f, a.get(0), span).endsWith(string(f, a.get(1), span)));
                case KEYS -> keys(a.get(0), span);
                case TO_JSON -> Values.NODES.textNode(Values.toJson(a.get(0)));
                case FROM_JSON -> fromJson(string(f, a.get(0), span), span);
                case JOIN -> join(a.get(0), string(f, a.get(1), span), span);
                case NOW -> Values.NODES.textNode(Instant.ofEpochMilli(nowMillis.getAsLong()).toString());
                case RAW -> a.get(0);
                case COALESCE -> throw new IllegalStateException("coalesce is evaluated lazily");
                case SECRET -> throw new IllegalStateException("secret is evaluated by the evaluator");
            };
        }

        private static String string(Function f, JsonNode v, SourceSpan span) {
            if (!v.isTextual()) {
                throw new ExpressionError("'" + f.functionName + "' needs a string, got " + Values.typeName(v), span);
            }
            return v.textValue();
        }

        private static JsonNode length(JsonNode v, SourceSpan span) {
            if (v.isTextual()) {
                return Values.NODES.numberNode(v.textValue().codePointCount(0, v.textValue().length()));
            }
            if (v.isArray() || v.isObject()) {
                return Values.NODES.numberNode(v.size());
            }
            throw new ExpressionError("'length' needs a string, list or object, got " + Values.typeName(v), span);
        }

        private static boolean contains(JsonNode haystack, JsonNode needle, SourceSpan span) {
            if (haystack.isTextual()) {
                if (!needle.isTextual()) {
                    throw new ExpressionError("'contains' on a string needs a string to look for, got "
                            + Values.typeName(needle), span);
                }
                return haystack.textValue().contains(needle.textValue());
            }
            if (haystack.isArray()) {
                for (JsonNode item : haystack) {
                    if (Values.same(item, needle)) {
                        return true;
                    }
                }
                return false;
            }
            if (haystack.isObject()) {
                if (!needle.isTextual()) {
                    throw new ExpressionError("'contains' on an object needs a key (string), got "
                            + Values.typeName(needle), span);
                }
                return haystack.has(needle.textValue());
            }
            throw new ExpressionError("'contains' needs a string, list or object, got "
                    + Values.typeName(haystack), span);
        }

        private static JsonNode keys(JsonNode v, SourceSpan span) {
            if (!v.isObject()) {
                throw new ExpressionError("'keys' needs an object, got " + Values.typeName(v), span);
            }
            ArrayNode out = Values.NODES.arrayNode();
            Iterator<String> names = v.fieldNames();
            while (names.hasNext()) {
                out.add(names.next());
            }
            return out;
        }

        private static JsonNode fromJson(String text, SourceSpan span) {
            try {
                return Values.fromJson(text);
            } catch (JsonProcessingException e) {
                throw new ExpressionError("'fromJson' got text that is not JSON: " + e.getOriginalMessage(), span);
            }
        }

        private static JsonNode join(JsonNode list, String separator, SourceSpan span) {
            if (!list.isArray()) {
                throw new ExpressionError("'join' needs a list, got " + Values.typeName(list), span);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(separator);
                }
                sb.append(Values.text(list.get(i)));
                ValueLimits.checkStringLength(sb.length(), span);
            }
            return Values.NODES.textNode(sb.toString());
        }
    }
}
