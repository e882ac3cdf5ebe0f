package dev.agentplan.cli;

import dev.agentplan.runtime.api.BudgetUse;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code tool_calls  ███████░░░  7/10}: a budget's use as a bar of ten cells. */
final class BudgetBars {

    static final int CELLS = 10;

    private BudgetBars() {
    }

    static String line(BudgetUse b) {
        String name = b.name().equals("duration_ms") ? "duration" : b.name();
        String used = amount(b.name(), b.used());
        if (b.limit() == null) {
            return String.format("%-11s %s  %s (no limit)", name, " ".repeat(CELLS), used);
        }
        return String.format("%-11s %s  %s/%s", name, bar(b.used(), b.limit()), used, amount(b.name(), b.limit()));
    }

    static String bar(BigDecimal used, BigDecimal limit) {
        int filled;
        if (limit.signum() <= 0) {
            filled = CELLS;
        } else {
            filled = used.multiply(BigDecimal.valueOf(CELLS)).divide(limit, 0, RoundingMode.HALF_UP).intValue();
            filled = Math.max(0, Math.min(CELLS, filled));
            if (filled == 0 && used.signum() > 0) {
                filled = 1; // something was used: never show an empty bar
            }
        }
        return "█".repeat(filled) + "░".repeat(CELLS - filled);
    }

    private static String amount(String name, BigDecimal value) {
        if (value == null) {
            return "-";
        }
        if (name.equals("duration_ms")) {
            return HumanTime.duration(value.longValue());
        }
        return value.stripTrailingZeros().toPlainString();
    }
}
