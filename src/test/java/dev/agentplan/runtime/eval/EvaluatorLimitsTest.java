package dev.agentplan.runtime.eval;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.fn;
import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Exprs.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentplan.model.Expr;
import dev.agentplan.runtime.limits.Limits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every limit of one evaluation: each is a {@link LimitExceeded} before the big value is built. */
class EvaluatorLimitsTest {

    private final Evaluator evaluator = new Evaluator(() -> 0L);
    private final Map<String, JsonNode> vars = new LinkedHashMap<>();

    private JsonNode eval(Expr e) {
        return evaluator.evaluate(e, Bindings.of(Values.NODES.objectNode(), vars));
    }

    private String limit(Expr e) {
        LimitExceeded x = assertThrows(LimitExceeded.class, () -> eval(e));
        assertEquals("LimitExceeded", x.type());
        return x.reason();
    }

    @Test
    void aStringDoubledPastTheLimitFailsBeforeItIsBuilt() {
        vars.put("s", Values.NODES.textNode("x".repeat(Limits.STRING_MAX_CHARS / 2 + 1)));
        String why = limit(bin("+", path("s"), path("s")));
        assertTrue(why.startsWith("a string of " + (Limits.STRING_MAX_CHARS + 2) + " characters is over the limit of "
                + Limits.STRING_MAX_CHARS), why);
        assertTrue(limit(template(path("s"), path("s"))).startsWith("a string of "));
        assertTrue(limit(fn("join", list(path("s"), path("s")), str(""))).startsWith("a value of more than "));
        vars.put("s", Values.NODES.textNode("x".repeat(Limits.STRING_MAX_CHARS / 2)));
        assertEquals(Limits.STRING_MAX_CHARS, eval(bin("+", path("s"), path("s"))).textValue().length());
    }

    @Test
    void aHugeNumberFromJsonIsRefusedBeforeAnyoneFormatsIt() {
        String why = limit(fn("fromJson", str("1e1000000000")));
        assertTrue(why.startsWith("the number 1E+1000000000 is out of range"), why);
        vars.put("n", Values.NODES.numberNode(new java.math.BigDecimal("1e1000000000")));
        assertTrue(limit(template(str("n = "), path("n"))).startsWith("the number 1E+1000000000"));
        assertTrue(limit(bin("+", path("n"), num(1))).startsWith("the number 1E+1000000000"));
        assertTrue(limit(fn("toJson", list(path("n")))).startsWith("the number 1E+1000000000"));
        String literal = limit(num("1e1001")); // literals are normalised to whole numbers: 1,002 digits
        assertTrue(literal.startsWith("a number of 1002 significant digits"), literal);
        assertEquals("1" + "0".repeat(999), evaluator.text(num("1e999"), Bindings.of(null, vars)));
    }

    @Test
    void precisionIsBounded() {
        vars.put("n", Values.number(new java.math.BigDecimal("1" + "3".repeat(600))));
        String why = limit(bin("*", path("n"), path("n")));
        assertTrue(why.startsWith("a number of 1201 significant digits"), why);
    }

    @Test
    void listsAndObjectsAreBoundedInItemsAndBytes() {
        ArrayNode half = Values.NODES.arrayNode();
        for (int i = 0; i < Limits.COLLECTION_MAX_ITEMS / 2 + 1; i++) {
            half.add(true);
        }
        vars.put("l", half);
        assertTrue(limit(bin("+", path("l"), path("l"))).startsWith("a list of 100002 items is over the limit"));
        vars.put("big", Values.NODES.textNode("y".repeat(Limits.VALUE_MAX_BYTES / 2)));
        assertTrue(limit(list(path("big"), path("big"), path("big"))).startsWith("a value of more than "));
    }

    @Test
    void nestingIsBounded() {
        JsonNode v = Values.NODES.textNode("leaf");
        for (int i = 0; i < Limits.NESTING_MAX_DEPTH - 1; i++) {
            v = Values.NODES.arrayNode().add(v);
        }
        vars.put("deep", v);
        assertEquals(Limits.NESTING_MAX_DEPTH, depth(eval(list(path("deep")))));
        vars.put("deep", eval(list(path("deep"))));
        assertTrue(limit(list(path("deep"))).startsWith("a value nested more than 64 levels deep"));
        String nested = "[".repeat(100) + "]".repeat(100);
        assertTrue(limit(fn("fromJson", str(nested))).startsWith("a value nested more than"));
    }

    @Test
    void oneEvaluationHasAStepBudget() {
        ArrayNode items = Values.NODES.arrayNode();
        for (int i = 0; i < Limits.COLLECTION_MAX_ITEMS; i++) {
            items.add(i);
        }
        vars.put("l", items);
        // each contains() scans the list: 60 of them is 6,000,000 steps in one expression
        Expr e = fn("contains", path("l"), num(-1));
        for (int i = 1; i < 60; i++) {
            e = bin("||", e, fn("contains", path("l"), num(-1)));
        }
        Expr many = e;
        assertTrue(limit(many).startsWith("the expression took more than 5000000 evaluation steps"));
        // the budget is per evaluation: a smaller expression right after is fine
        assertEquals(false, eval(fn("contains", path("l"), num(-1))).booleanValue());
    }

    private static int depth(JsonNode v) {
        int d = 0;
        while (v.isArray()) {
            d++;
            v = v.get(0);
        }
        return d;
    }
}
