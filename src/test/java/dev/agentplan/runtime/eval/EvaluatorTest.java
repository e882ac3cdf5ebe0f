package dev.agentplan.runtime.eval;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.fn;
import static dev.agentplan.runtime.Exprs.index;
import static dev.agentplan.runtime.Exprs.line;
import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.neg;
import static dev.agentplan.runtime.Exprs.not;
import static dev.agentplan.runtime.Exprs.nul;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.obj;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Exprs.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Function;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_700_000_000_123L;

    private final Evaluator evaluator = new Evaluator(() -> NOW);
    private final Map<String, JsonNode> vars = new LinkedHashMap<>();
    private final JsonNode input = json("{\"service\":\"checkout\",\"n\":3,\"tags\":[\"a\",\"b\"]}");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode eval(Expr e) {
        return evaluator.evaluate(e, Bindings.of(input, vars));
    }

    private String evalJson(Expr e) {
        return Values.toJson(eval(e));
    }

    private ExpressionError fails(Expr e) {
        return assertThrows(ExpressionError.class, () -> eval(e));
    }

    @Test
    void literals() {
        assertEquals("\"hi\"", evalJson(str("hi")));
        assertEquals("1.5", evalJson(num("1.50")));
        assertEquals("10", evalJson(num("1E+1")));
        assertEquals("true", evalJson(bool(true)));
        assertEquals("null", evalJson(nul()));
        assertEquals("{\"b\":1,\"a\":[true,null]}", evalJson(obj("b", num(1), "a", list(bool(true), nul()))));
    }

    @Test
    void pathsReadInputsVariablesFieldsAndIndexes() {
        vars.put("evidence", json("{\"body\":{\"items\":[{\"url\":\"u0\"},{\"url\":\"u1\"}],\"k\":\"v\"}}"));
        assertEquals("\"checkout\"", evalJson(path("input.service")));
        assertEquals("\"u1\"", evalJson(path("evidence.body.items.1.url")));
        assertEquals("{\"url\":\"u1\"}", evalJson(index(path("evidence.body.items"), num(-1))), "negative counts from the end");
        assertEquals("\"v\"", evalJson(index(path("evidence.body"), str("k"))), "a string index reads a field");
        assertEquals("null", evalJson(path("evidence.body.items.5")), "out of range is null");
        assertEquals("null", evalJson(path("evidence.body.missing.deeper")), "missing fields are null all the way down");
        assertEquals("null", evalJson(path("never_bound.x")), "a name bound in a branch not taken reads as null");
    }

    @Test
    void pathTypeErrors() {
        vars.put("s", json("\"text\""));
        vars.put("l", json("[1,2]"));
        assertTrue(fails(path("s.x")).getMessage().contains("cannot read field 'x' of a string"));
        assertTrue(fails(path("l.x")).getMessage().contains("of a list"));
        assertTrue(fails(index(path("l"), num("0.5"))).getMessage().contains("whole number"));
        assertTrue(fails(index(path("l"), bool(true))).getMessage().contains("must be a number or a string"));
        assertTrue(fails(index(path("s"), num(0))).getMessage().contains("cannot index a string"));
    }

    @Test
    void templatesRenderValuesAsText() {
        vars.put("o", json("{\"a\":1}"));
        Expr t = template(str("svc="), path("input.service"), str(" n="), path("input.n"), str(" o="), path("o"),
                str(" x="), path("nothing"), str(" f="), num("2.50"), str(" b="), bool(false));
        assertEquals("svc=checkout n=3 o={\"a\":1} x=null f=2.5 b=false", eval(t).textValue());
    }

    @Test
    void unaryOperators() {
        assertEquals("false", evalJson(not(bool(true))));
        assertEquals("-3", evalJson(neg(path("input.n"))));
        assertTrue(fails(not(str("x"))).getMessage().contains("'!' needs a boolean, got string"));
        assertTrue(fails(neg(str("x"))).getMessage().contains("'-' needs a number, got string"));
    }

    @Test
    void arithmetic() {
        assertEquals("5", evalJson(bin("+", num(2), num(3))));
        assertEquals("0.3", evalJson(bin("+", num("0.1"), num("0.2"))), "exact decimals, no binary float error");
        assertEquals("-1", evalJson(bin("-", num(2), num(3))));
        assertEquals("7.5", evalJson(bin("*", num("2.5"), num(3))));
        assertEquals("2.5", evalJson(bin("/", num(5), num(2))));
        assertEquals("0.3333333333333333333333333333333333", evalJson(bin("/", num(1), num(3))));
        assertEquals("1", evalJson(bin("%", num(7), num(3))));
        assertEquals("6", evalJson(bin("/", num(12), num(2))), "integral quotients are integers");
        assertTrue(fails(bin("/", num(1), num(0))).getMessage().contains("division by zero"));
        assertTrue(fails(bin("%", num(1), num(0))).getMessage().contains("division by zero"));
        assertTrue(fails(bin("*", str("a"), num(2))).getMessage().contains("'*' needs numbers, got string and number"));
        assertTrue(fails(bin("-", nul(), num(2))).getMessage().contains("got null and number"));
    }

    @Test
    void plusConcatenatesStringsListsAndMergesObjects() {
        assertEquals("\"ab\"", evalJson(bin("+", str("a"), str("b"))));
        assertEquals("[1,2]", evalJson(bin("+", list(num(1)), list(num(2)))));
        assertEquals("{\"a\":1,\"b\":3}", evalJson(bin("+", obj("a", num(1), "b", num(2)), obj("b", num(3)))));
        ExpressionError e = fails(bin("+", str("a"), num(1)));
        assertTrue(e.getMessage().contains("cannot add string and number"), e.getMessage());
        assertTrue(e.getMessage().contains("template"), "hints at templates");
    }

    @Test
    void comparisons() {
        assertEquals("true", evalJson(bin("<", num(1), num("1.5"))));
        assertEquals("true", evalJson(bin("<=", num(2), num(2))));
        assertEquals("false", evalJson(bin(">", num(2), num(2))));
        assertEquals("true", evalJson(bin(">=", num(3), num(2))));
        assertEquals("true", evalJson(bin("<", str("apple"), str("banana"))));
        assertTrue(fails(bin("<", num(1), str("2"))).getMessage().contains("cannot compare number < string"));
        assertTrue(fails(bin(">", nul(), num(1))).getMessage().contains("cannot compare null > number"));
    }

    @Test
    void equalityIsSemantic() {
        assertEquals("true", evalJson(bin("==", num("1.0"), num(1))));
        assertEquals("true", evalJson(bin("==", obj("a", num(1), "b", num(2)), obj("b", num(2), "a", num("1.00")))));
        assertEquals("false", evalJson(bin("==", list(num(1), num(2)), list(num(2), num(1)))));
        assertEquals("false", evalJson(bin("==", str("1"), num(1))));
        assertEquals("true", evalJson(bin("==", path("nothing"), nul())));
        assertEquals("true", evalJson(bin("!=", str("a"), str("b"))));
        assertEquals("false", evalJson(bin("!=", path("input.n"), num(3))));
    }

    @Test
    void logicShortCircuitsAndNeedsBooleans() {
        Expr boom = bin("/", num(1), num(0));
        assertEquals("false", evalJson(bin("&&", bool(false), boom)));
        assertEquals("true", evalJson(bin("||", bool(true), boom)));
        assertEquals("true", evalJson(bin("&&", bool(true), bool(true))));
        assertEquals("false", evalJson(bin("||", bool(false), bool(false))));
        assertTrue(fails(bin("&&", num(1), bool(true))).getMessage().contains("'&&' needs booleans, got number"));
        assertTrue(fails(bin("||", bool(false), str("x"))).getMessage().contains("'||' needs booleans, got string"));
    }

    @Test
    void conditionsMustBeBooleans() {
        assertTrue(evaluator.condition(bin("==", num(1), num(1)), Bindings.of(input, vars)));
        ExpressionError e = assertThrows(ExpressionError.class,
                () -> evaluator.condition(path("input.service"), Bindings.of(input, vars)));
        assertTrue(e.getMessage().contains("a condition must be a boolean, got string"));
    }

    @Test
    void errorsNameTheSourceLine() {
        ExpressionError e = assertThrows(ExpressionError.class,
                () -> eval(bin("+", num(1), bool(true), line(42))));
        assertTrue(e.getMessage().startsWith("test.agent:42:1: cannot add number and boolean"), e.getMessage());
        assertEquals(42, e.span().line());
    }

    @Test
    void stringFunctions() {
        assertEquals("7", evalJson(fn("length", str("héllo😀!"))), "characters, not UTF-16 units");
        assertEquals("2", evalJson(fn("length", path("input.tags"))));
        assertEquals("3", evalJson(fn("length", path("input"))));
        assertEquals("\"abc\"", evalJson(fn("lower", str("AbC"))));
        assertEquals("\"ABC\"", evalJson(fn("upper", str("aBc"))));
        assertEquals("\"a b\"", evalJson(fn("trim", str("  a b\n"))));
        assertEquals("true", evalJson(fn("startsWith", str("checkout"), str("check"))));
        assertEquals("false", evalJson(fn("startsWith", str("checkout"), str("out"))));
        assertEquals("true", evalJson(fn("endsWith", str("checkout"), str("out"))));
        assertEquals("false", evalJson(fn("endsWith", str("checkout"), str("check"))));
        assertTrue(fails(fn("length", num(3))).getMessage().contains("'length' needs a string, list or object"));
        assertTrue(fails(fn("lower", num(3))).getMessage().contains("'lower' needs a string, got number"));
        assertTrue(fails(fn("upper", nul())).getMessage().contains("got null"));
        assertTrue(fails(fn("trim", list())).getMessage().contains("got list"));
        assertTrue(fails(fn("startsWith", str("a"), num(1))).getMessage().contains("'startsWith' needs a string"));
        assertTrue(fails(fn("endsWith", bool(true), str("a"))).getMessage().contains("'endsWith' needs a string"));
    }

    @Test
    void contains() {
        assertEquals("true", evalJson(fn("contains", str("checkout"), str("eck"))));
        assertEquals("true", evalJson(fn("contains", list(num(1), num("2.0")), num(2))));
        assertEquals("false", evalJson(fn("contains", path("input.tags"), str("z"))));
        assertEquals("true", evalJson(fn("contains", path("input"), str("service"))));
        assertEquals("false", evalJson(fn("contains", path("input"), str("nope"))));
        assertTrue(fails(fn("contains", num(1), num(1))).getMessage().contains("'contains' needs a string, list or object"));
        assertTrue(fails(fn("contains", str("a"), num(1))).getMessage().contains("needs a string to look for"));
        assertTrue(fails(fn("contains", path("input"), num(1))).getMessage().contains("needs a key"));
    }

    @Test
    void keysCoalesceJoin() {
        assertEquals("[\"service\",\"n\",\"tags\"]", evalJson(fn("keys", path("input"))));
        assertTrue(fails(fn("keys", list())).getMessage().contains("'keys' needs an object"));
        assertEquals("\"x\"", evalJson(fn("coalesce", path("nothing"), nul(), str("x"), bin("/", num(1), num(0)))),
                "coalesce stops at the first non-null");
        assertEquals("null", evalJson(fn("coalesce", nul())));
        assertEquals("\"a, 1, true, null, {\\\"k\\\":2}\"",
                evalJson(fn("join", list(str("a"), num(1), bool(true), nul(), obj("k", num(2))), str(", "))));
        assertTrue(fails(fn("join", str("a"), str(","))).getMessage().contains("'join' needs a list"));
        assertTrue(fails(fn("join", list(), num(1))).getMessage().contains("'join' needs a string"));
    }

    @Test
    void jsonFunctions() {
        assertEquals("\"{\\\"a\\\":[1,2.5,\\\"x\\\"]}\"", evalJson(fn("toJson", obj("a", list(num(1), num("2.5"), str("x"))))));
        assertEquals("{\"a\":[1,2.5]}", evalJson(fn("fromJson", str("{\"a\": [1, 2.5]}"))));
        assertEquals("0.1", evalJson(bin("+", fn("fromJson", str("0.05")), num("0.05"))), "parsed numbers stay exact");
        assertTrue(fails(fn("fromJson", str("{oops"))).getMessage().contains("'fromJson' got text that is not JSON"));
        assertTrue(fails(fn("fromJson", str(""))).getMessage().contains("not JSON"));
        assertTrue(fails(fn("fromJson", str("1 2"))).getMessage().contains("not JSON"));
        assertTrue(fails(fn("fromJson", num(1))).getMessage().contains("'fromJson' needs a string"));
    }

    @Test
    void nowIsTheClockPassedIn() {
        assertEquals("\"2023-11-14T22:13:20.123Z\"", evalJson(fn("now")));
    }

    @Test
    void functionNamesAndArities() {
        assertTrue(fails(fn("nosuch", num(1))).getMessage().contains("unknown function 'nosuch'"));
        assertTrue(fails(fn("length")).getMessage().contains("'length' takes 1 argument, got 0"));
        assertTrue(fails(fn("now", num(1))).getMessage().contains("'now' takes 0 arguments, got 1"));
        assertTrue(fails(fn("coalesce")).getMessage().contains("'coalesce' takes at least 1 argument, got 0"));
    }

    @Test
    void everyCatalogueFunctionIsImplemented() {
        Set<Function> covered = EnumSet.noneOf(Function.class);
        for (Function f : Function.values()) {
            Expr[] args = new Expr[f.minArgs];
            for (int i = 0; i < args.length; i++) {
                args[i] = f == Function.JOIN && i == 0 ? list(str("x")) : f == Function.KEYS ? obj() : str("[1]");
            }
            try {
                eval(fn(f.functionName, args));
                covered.add(f);
            } catch (ExpressionError typeError) {
                if (!typeError.getMessage().contains("unknown function")) {
                    covered.add(f); // reached the implementation, which rejected these argument types
                }
            }
        }
        assertEquals(EnumSet.allOf(Function.class), covered);
    }

    @Test
    void valuesAreNeverJavaNull() {
        assertFalse(eval(path("nothing")) == null);
        assertTrue(eval(path("nothing")).isNull());
    }
}
