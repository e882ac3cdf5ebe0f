package dev.agentplan.repository.diff;

import dev.agentplan.model.DurationText;
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

    /** {@code 1h30m}, {@code 30s}, {@code 500ms}: as the plan language writes it. */
    static String duration(Duration d) {
        return d == null ? UNSET : DurationText.format(d);
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
