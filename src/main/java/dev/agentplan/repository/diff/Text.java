package dev.agentplan.repository.diff;

import dev.agentplan.model.Expr;
import dev.agentplan.syntax.ExpressionText;
import java.time.Duration;
import java.util.List;

/** How diff lines show model values: expressions as plan source, durations as plans write them. */
final class Text {

    static final String UNSET = "unset";

    private Text() {
    }

    static String expr(Expr e) {
        return e == null ? UNSET : ExpressionText.print(e);
    }

    /** {@code 1h30m}, {@code 30s}, {@code 500ms}: the largest units first, as in the plan language. */
    static String duration(Duration d) {
        if (d == null) {
            return UNSET;
        }
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i]) {
                out.append(millis / units[i]).append(names[i]);
                millis %= units[i];
            }
        }
        return out.toString();
    }

    static String value(Object v) {
        if (v == null) {
            return UNSET;
        }
        if (v instanceof Duration d) {
            return duration(d);
        }
        if (v instanceof Expr e) {
            return expr(e);
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof List<?> list) {
            return list.toString();
        }
        if (v instanceof java.math.BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** Shortens long renderings for one-line text output; JSON output keeps them whole. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }

    static String quote(String s) {
        return s == null ? UNSET : "\"" + s + "\"";
    }
}
