package dev.agentplan.syntax;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration text of the plan language ({@code 500ms}, {@code 1h30m}, {@code 2d}) and its canonical form. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration of well-formed duration text; null when it is too long to represent. */
    static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        long millis = 0;
        try {
            while (m.find()) {
                String digits = m.group(1);
                if (digits.length() > 15) {
                    return null;
                }
                long n = Long.parseLong(digits);
                long unit = switch (m.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> 86_400_000L;
                };
                millis = Math.addExact(millis, Math.multiplyExact(n, unit));
            }
        } catch (ArithmeticException tooLong) {
            return null;
        }
        return Duration.ofMillis(millis);
    }

    /**
     * Canonical text: the largest units first, each at most once, zero parts left out
     * ({@code 90m} is {@code 1h30m}, {@code 1500ms} is {@code 1s500ms}, zero is {@code 0s}).
     * Precision below a millisecond is dropped.
     */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis <= 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = millis / units[i];
            if (n > 0) {
                out.append(n).append(names[i]);
                millis -= n * units[i];
            }
        }
        return out.toString();
    }
}
