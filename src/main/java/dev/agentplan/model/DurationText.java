package dev.agentplan.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader and writer of durations as plans write them: number-unit pairs with units ms, s,
 * m, h and d ({@code 500ms}, {@code 30s}, {@code 1h30m}, {@code 2d}), in any order, each a whole
 * number. Plan text, plan JSON, the built-in tools, plan tests, the validator's and the runtime's
 * messages and the diff all read and print durations here, so they cannot disagree.
 */
public final class DurationText {

    /** What a surface accepts besides the plan form. */
    public enum Syntax {
        /** Only number-unit pairs, like {@code 1h30m}. */
        PLAN,
        /** Number-unit pairs or ISO-8601 ({@code PT0.3S}), the form Temporal's histories use. */
        PLAN_OR_ISO_8601
    }

    /** Why text is not a duration. */
    public enum Problem {
        /** Not number-unit pairs (nor ISO-8601 where that is accepted). */
        MALFORMED,
        /** Well formed, but longer than a long count of milliseconds (about 292 million years). */
        TOO_LONG
    }

    /**
     * The outcome of {@link #parse}: a duration, or a problem and a message for a person (which
     * quotes the text and says what to write instead). Never both.
     */
    public record Parsed(Duration duration, Problem problem, String error) {

        public boolean ok() {
            return duration != null;
        }
    }

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h|d))+");
    private static final Pattern PAIR = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    private static final String[] NAMES = {"d", "h", "m", "s", "ms"};

    private DurationText() {
    }

    /** Plan-form text ({@link Syntax#PLAN}). */
    public static Parsed parse(String text) {
        return parse(text, Syntax.PLAN);
    }

    public static Parsed parse(String text, Syntax syntax) {
        if (text == null) {
            return malformed("nothing");
        }
        if (syntax == Syntax.PLAN_OR_ISO_8601 && (text.startsWith("P") || text.startsWith("-P"))) {
            return iso(text);
        }
        if (!WHOLE.matcher(text).matches()) {
            return malformed("`" + text + "`");
        }
        Matcher m = PAIR.matcher(text);
        long millis = 0;
        try {
            while (m.find()) {
                long amount = Long.parseLong(m.group(1));
                millis = Math.addExact(millis, Math.multiplyExact(amount, UNITS[unit(m.group(2))]));
            }
        } catch (ArithmeticException | NumberFormatException tooLong) {
            return tooLong(text);
        }
        return new Parsed(Duration.ofMillis(millis), null, null);
    }

    private static Parsed iso(String text) {
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            return malformed("`" + text + "`");
        }
        try {
            d.toMillis();
        } catch (ArithmeticException e) {
            return tooLong(text);
        }
        return new Parsed(d, null, null);
    }

    private static Parsed malformed(String what) {
        return new Parsed(null, Problem.MALFORMED, what + " is not a duration: write whole numbers with the units"
                + " ms, s, m, h or d, like 500ms, 30s or 1h30m");
    }

    private static Parsed tooLong(String text) {
        return new Parsed(null, Problem.TOO_LONG, "`" + text + "` is too long a duration: durations must be shorter"
                + " than about 290 million years");
    }

    private static int unit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * The canonical text: the largest units first, each at most once, zero parts left out
     * ({@code 90m} is {@code 1h30m}, {@code 1500ms} is {@code 1s500ms}, zero is {@code 0s}, a
     * negative duration is its negation after a minus). Precision below a millisecond is dropped,
     * so {@code parse(format(d))} is {@code d} for every whole-millisecond {@code d >= 0}.
     */
    public static String format(Duration d) {
        Objects.requireNonNull(d, "a duration");
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            if (millis >= UNITS[i]) {
                out.append(millis / UNITS[i]).append(NAMES[i]);
                millis %= UNITS[i];
            }
        }
        return out.toString();
    }
}
