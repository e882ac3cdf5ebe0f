package dev.agentplan.syntax.json;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as plans write them: number-unit pairs with units ms, s, m, h, d ({@code 500ms},
 * {@code 30s}, {@code 1h30m}, {@code 2d}). The canonical form is the largest units first, each once.
 */
final class DurationText {

    private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h|d))+");
    private static final Pattern PAIR = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private DurationText() {
    }

    /** The duration, or null when the text is not a duration or does not fit in a Duration. */
    static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return null;
        }
        Matcher m = PAIR.matcher(text);
        Duration total = Duration.ZERO;
        try {
            while (m.find()) {
                long amount = Long.parseLong(m.group(1));
                Duration part = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                total = total.plus(part);
            }
        } catch (ArithmeticException | NumberFormatException tooBig) {
            return null;
        }
        return total;
    }

    /** {@code 1h30m}, {@code 2d}, {@code 1s500ms}, {@code 0s}; below a millisecond is dropped. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        millis = append(out, millis, 86_400_000L, "d");
        millis = append(out, millis, 3_600_000L, "h");
        millis = append(out, millis, 60_000L, "m");
        millis = append(out, millis, 1_000L, "s");
        append(out, millis, 1L, "ms");
        return out.toString();
    }

    private static long append(StringBuilder out, long millis, long unit, String suffix) {
        long count = millis / unit;
        if (count > 0) {
            out.append(count).append(suffix);
        }
        return millis % unit;
    }
}
