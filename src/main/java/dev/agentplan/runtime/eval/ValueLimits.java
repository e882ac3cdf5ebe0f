package dev.agentplan.runtime.eval;

import static dev.agentplan.runtime.limits.Limits.COLLECTION_MAX_ITEMS;
import static dev.agentplan.runtime.limits.Limits.NESTING_MAX_DEPTH;
import static dev.agentplan.runtime.limits.Limits.NUMBER_MAX_DIGITS;
import static dev.agentplan.runtime.limits.Limits.NUMBER_MAX_EXPONENT;
import static dev.agentplan.runtime.limits.Limits.STRING_MAX_CHARS;
import static dev.agentplan.runtime.limits.Limits.VALUE_MAX_BYTES;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.runtime.limits.Limits;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The checks behind {@link LimitExceeded}: pure functions of the values (so replays decide the
 * same), each cheap or stopping as soon as a limit is passed.
 */
final class ValueLimits {

    private ValueLimits() {
    }

    /** A number small and short enough to compute with and to print ({@code 1e1000000000} is not). */
    static void checkNumber(BigDecimal d, SourceSpan span) {
        if (d.signum() == 0) {
            if (Math.abs((long) d.scale()) > (long) NUMBER_MAX_DIGITS + NUMBER_MAX_EXPONENT) {
                throw new LimitExceeded("the number " + shortText(d) + " has an exponent beyond the limit of "
                        + NUMBER_MAX_EXPONENT, span);
            }
            return;
        }
        int digits = d.precision();
        if (digits > NUMBER_MAX_DIGITS) {
            throw new LimitExceeded("a number of " + digits + " significant digits (" + shortText(d)
                    + ") is over the limit of " + NUMBER_MAX_DIGITS + " digits", span);
        }
        long exponent = (long) digits - d.scale() - 1; // the power of ten of the leading digit
        if (Math.abs(exponent) > NUMBER_MAX_EXPONENT) {
            throw new LimitExceeded("the number " + shortText(d) + " is out of range: numbers must be between 1e-"
                    + NUMBER_MAX_EXPONENT + " and 1e" + NUMBER_MAX_EXPONENT + " in size", span);
        }
    }

    static void checkStringLength(long chars, SourceSpan span) {
        if (chars > STRING_MAX_CHARS) {
            throw new LimitExceeded("a string of " + chars + " characters is over the limit of " + STRING_MAX_CHARS
                    + " characters", span);
        }
    }

    static void checkItems(long items, String what, SourceSpan span) {
        if (items > COLLECTION_MAX_ITEMS) {
            throw new LimitExceeded("a " + what + " of " + items + (what.equals("list") ? " items" : " fields")
                    + " is over the limit of " + COLLECTION_MAX_ITEMS, span);
        }
    }

    /**
     * Checks a whole value (depth, sizes, strings, numbers, approximate serialized size) and
     * returns how many nodes it visited, for the evaluation's step count.
     */
    static long measure(JsonNode value, SourceSpan span) {
        Meter m = new Meter(span);
        m.visit(value, 0);
        return m.nodes;
    }

    /** The approximate serialized size of a value, counted up to just past the value limit (never throws). */
    static long approximateBytes(JsonNode value) {
        Meter m = new Meter(SourceSpan.NONE);
        try {
            m.visit(value, 0);
        } catch (LimitExceeded over) {
            return Math.max(m.bytes, (long) VALUE_MAX_BYTES + 1);
        }
        return m.bytes;
    }

    private static String shortText(BigDecimal d) {
        String s = d.toString(); // scientific notation: short for huge exponents
        return s.length() <= 40 ? s : s.substring(0, 20) + "…" + s.substring(s.length() - 12);
    }

    private static final class Meter {
        private final SourceSpan span;
        private long nodes;
        private long bytes;

        Meter(SourceSpan span) {
            this.span = span;
        }

        void visit(JsonNode v, int depth) {
            nodes++;
            if (v == null || v.isNull() || v.isMissingNode() || v.isBoolean()) {
                add(5);
            } else if (v.isTextual()) {
                checkStringLength(v.textValue().length(), span);
                add(v.textValue().length() + 2L);
            } else if (v.isNumber()) {
                BigDecimal d = Values.decimal(v);
                checkNumber(d, span);
                add(d.precision() + 6L);
            } else if (v.isArray() || v.isObject()) {
                if (depth >= NESTING_MAX_DEPTH) {
                    throw new LimitExceeded("a value nested more than " + NESTING_MAX_DEPTH
                            + " levels deep (lists and objects) is over the limit", span);
                }
                checkItems(v.size(), v.isArray() ? "list" : "object", span);
                add(2);
                if (v.isArray()) {
                    for (JsonNode item : v) {
                        add(1);
                        visit(item, depth + 1);
                    }
                } else {
                    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> f = fields.next();
                        add(f.getKey().length() + 4L);
                        visit(f.getValue(), depth + 1);
                    }
                }
            }
        }

        private void add(long n) {
            bytes += n;
            if (bytes > VALUE_MAX_BYTES) {
                throw new LimitExceeded("a value of more than " + Limits.bytes(VALUE_MAX_BYTES)
                        + " (as JSON) is over the limit", span);
            }
        }
    }
}
