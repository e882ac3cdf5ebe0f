package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentplan.runtime.api.BudgetUse;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BudgetBarsTest {

    private static BudgetUse use(String name, long used, Long limit) {
        return new BudgetUse(name, BigDecimal.valueOf(used), limit == null ? null : BigDecimal.valueOf(limit),
                limit == null ? null : BigDecimal.valueOf(limit - used));
    }

    @Test
    void barsShowTheShareUsed() {
        assertEquals("tool_calls  ███████░░░  7/10", BudgetBars.line(use("tool_calls", 7, 10L)));
        assertEquals("steps       ░░░░░░░░░░  0/100", BudgetBars.line(use("steps", 0, 100L)));
        assertEquals("steps       █░░░░░░░░░  1/100", BudgetBars.line(use("steps", 1, 100L)), "any use shows");
        assertEquals("tool_calls  ██████████  12/10", BudgetBars.line(use("tool_calls", 12, 10L)), "never past full");
    }

    @Test
    void durationsAreReadableAndUnlimitedBudgetsHaveNoBar() {
        assertEquals("duration    █████░░░░░  2m 30s/5m 00s", BudgetBars.line(use("duration_ms", 150_000, 300_000L)));
        assertEquals("cost                    0.5 (no limit)",
                BudgetBars.line(new BudgetUse("cost", new BigDecimal("0.50"), null, null)));
    }
}
