package dev.agentplan.runtime.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON values plans compute with: number normalisation, type names for messages, the text
 * form used by templates, and semantic equality (1 == 1.0, object key order ignored).
 */
public final class Values {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Values() {
    }

    /** Never null: Java null becomes JSON null. */
    public static JsonNode orNull(JsonNode value) {
        return value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    public static boolean isNull(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** Integers become int/long nodes (as they come back from any JSON round trip), others exact decimals. */
    public static JsonNode number(BigDecimal value) {
        ValueLimits.checkNumber(value, dev.agentplan.model.SourceSpan.NONE); // setScale(0) of 1e1000000000 is a billion digits
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0) {
            try {
                long l = v.longValueExact();
                return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
            } catch (ArithmeticException tooBig) {
                return NODES.numberNode(v.setScale(0));
            }
        }
        return NODES.numberNode(v);
    }

    /**
     * The exact value of a number node. A number beyond a double's range that came through a
     * double-reading JSON mapper (Temporal's) is infinite: that is a {@link LimitExceeded}.
     */
    public static BigDecimal decimal(JsonNode number) {
        if (infinite(number)) {
            throw new LimitExceeded("the number " + number.doubleValue() + " is out of range: numbers must be between "
                    + "1e-" + dev.agentplan.runtime.limits.Limits.NUMBER_MAX_EXPONENT + " and 1e"
                    + dev.agentplan.runtime.limits.Limits.NUMBER_MAX_EXPONENT + " in size", dev.agentplan.model.SourceSpan.NONE);
        }
        return number.decimalValue();
    }

    /** The name of a value's type as plans spell it: string, number, boolean, null, object, list. */
    public static String typeName(JsonNode value) {
        if (isNull(value)) {
            return "null";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "object";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How a value reads inside a template: strings as they are, numbers plainly, others as JSON. */
    public static String text(JsonNode value) {
        if (isNull(value)) {
            return "null";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            // The plain text of 1e1000000000 is a billion characters: refuse it before building it.
            ValueLimits.checkNumber(decimal(value), dev.agentplan.model.SourceSpan.NONE);
            return decimal(value).stripTrailingZeros().toPlainString();
        }
        return toJson(value);
    }

    public static String toJson(JsonNode value) {
        try {
            return JSON.writeValueAsString(orNull(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses one JSON value; empty text and trailing text are errors. */
    public static JsonNode fromJson(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "no JSON value in empty text");
        }
        return node;
    }

    private static boolean infinite(JsonNode number) {
        return (number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue());
    }

    /** Semantic equality: numbers by value, objects regardless of key order, lists in order. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (isNull(a) || isNull(b)) {
            return isNull(a) && isNull(b);
        }
        if (a.isNumber() && b.isNumber()) {
            if (infinite(a) || infinite(b)) {
                return a.doubleValue() == b.doubleValue(); // an infinity has no exact value
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /**
     * About how many bytes a value takes as JSON, counted no further than just past
     * {@link dev.agentplan.runtime.limits.Limits#VALUE_MAX_BYTES} (so it is cheap for any value).
     */
    public static long approximateBytes(JsonNode value) {
        return ValueLimits.approximateBytes(value);
    }

    /** A short one-line rendering for logs and status: JSON text cut to {@code max} characters. */
    public static String summary(JsonNode value, int max) {
        String s;
        try {
            s = toJson(value);
        } catch (RuntimeException unprintable) { // a number too large to print: the summary must not fail the run
            return "(a " + typeName(value) + " too large to show)";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
