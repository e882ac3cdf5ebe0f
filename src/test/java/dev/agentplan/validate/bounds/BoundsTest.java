package dev.agentplan.validate.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worst-case bounds of small plans, worked out by hand. */
class BoundsTest {

    private static PlanBounds bounds(String body) {
        String text = "agent b \"bounds\"\ninput { items: list = [] }\n"
                + "tools { t = echo { timeout 10s  retry { attempts 3  backoff 1s..10s } }  u = echo { timeout 2s  retry { attempts 1 } } }\n"
                + body + "\noutput { }\n";
        ParseResult parsed = PlanText.parse("b.agent", text);
        assertFalse(parsed.hasErrors(), parsed.diagnostics().toString());
        return Bounds.of(parsed.definition());
    }

    @Test
    void aCallTakesEveryAttemptAtItsTimeoutWithTheBackoffBetween() {
        PlanBounds b = bounds("r = t(x: 1)\nwait 5m\napprove ok { ask \"go?\"  timeout 1h  on_timeout approve }");
        assertEquals(1, b.toolCalls().value());
        assertEquals(3, b.steps().value());
        // 3 × 10s + 1s + 2s, then 5m, then 1h
        assertEquals(33_000 + 300_000 + 3_600_000, b.durationMillis().value());
        assertEquals(4 + 4 + 5 + HistoryModel.CALL + HistoryModel.TIMER + HistoryModel.APPROVAL,
                b.historyEvents().value());
        assertEquals(0, b.cost().value());
        assertTrue(b.diagnostics().isEmpty());
    }

    @Test
    void jitterStretchesEachDelayAndScheduleToCloseCapsTheCall() {
        String tools = "tools { j = echo { timeout 10s  retry { attempts 3  backoff 1s..10s  jitter 50% } }"
                + "  c = echo { timeout 10s  schedule_to_close 15s  retry { attempts 3 } } }\n";
        ParseResult parsed = PlanText.parse("j.agent", "agent j \"j\"\n" + tools + "a = j(x: 1)\nb = c(x: 1)\noutput { }\n");
        assertFalse(parsed.hasErrors(), parsed.diagnostics().toString());
        PlanBounds b = Bounds.of(parsed.definition());
        assertEquals(30_000 + 1_500 + 3_000 + 15_000, b.durationMillis().value());
    }

    @Test
    void branchesTakeTheCostliestAndLanesRunSideBySide() {
        PlanBounds b = bounds("""
                if input.items == [] { r = t(x: 1)  s = t(x: 2) } else { wait 1h }
                p = parallel all { lane a { x = u(v: 1) } lane b { y = u(v: 2)  z = u(v: 3) } }
                for each i in [1, 2, 3, 4, 5] parallel 2 { q = u(v: i) }""");
        assertEquals(2 + 3 + 5, b.toolCalls().value());
        // if: max(2 calls = 66s, 1h); lanes: the longer lane (2 × 2s); for each: ⌈5 / 2⌉ waves × 2s
        assertEquals(3_600_000 + 4_000 + 6_000, b.durationMillis().value());
        // the if and its 2 calls, the parallel and its 3 calls, the for each and its 5 calls
        assertEquals(3 + 4 + 6, b.steps().value());
        assertTrue(b.largestChunkEvents().value() >= 5 * HistoryModel.CALL);
    }

    @Test
    void compensationsCountAsCallsAndRunAtTheEnd() {
        PlanBounds b = bounds("r = u(x: 1) undo u(undo: r.x)");
        assertEquals(2, b.toolCalls().value());
        assertEquals(1, b.undoCalls().value());
        assertEquals(1, b.steps().value());
        assertEquals(4_000, b.durationMillis().value());
    }

    @Test
    void aLoopOverARuntimeListIsUnknownAndNamesItsLineUnlessTheStepsBudgetBoundsIt() {
        PlanBounds open = bounds("for each i in input.items { r = u(v: i) }");
        assertFalse(open.toolCalls().known());
        assertTrue(open.toolCalls().unknownWhy().contains("`for each i` at b.agent:4"), open.toolCalls().unknownWhy());
        assertEquals(4, open.toolCalls().at().line());
        assertFalse(open.historyEvents().known());

        PlanBounds capped = bounds("budget { steps 10 }\nfor each i in input.items { r = u(v: i) }");
        assertEquals(10, capped.toolCalls().value());
        assertEquals(10, capped.steps().value());
        assertTrue(capped.historyEvents().known());
        assertTrue(capped.notes().stream().anyMatch(n -> n.contains("bounded by the budget's `steps 10`")),
                capped.notes().toString());
    }

    @Test
    void aWaitWithoutTimeoutMakesTheDurationUnknown() {
        PlanBounds b = bounds("s = await signal \"go\"");
        assertFalse(b.durationMillis().known());
        assertTrue(b.durationMillis().unknownWhy().contains("has no timeout"));
        assertEquals(4, b.durationMillis().at().line());
    }

    @Test
    void aDurationBudgetBelowTheWorstCaseIsWarnedAtTheBudget() {
        PlanBounds b = bounds("budget { duration 1h }\nwait 50m\nr = t(x: 1)\nwait 20m");
        List<Diagnostic> warnings = b.diagnostics();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("AP315", warnings.get(0).code());
        assertEquals(4, warnings.get(0).span().line());
        assertEquals(3_600_000, b.durationMillis().value()); // the budget stops the run
        assertEquals(50 * 60_000 + 33_000 + 20 * 60_000, b.planDurationMillis().value());
    }

    @Test
    void parallelWorkTooBigForOneHistoryIsWarnedAtItsStep() {
        StringBuilder hundred = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ", ").append(i);
        }
        hundred.append(']');
        PlanBounds b = bounds("for each i in " + hundred + " parallel 10 {\n  for each j in " + hundred
                + " { r = u(v: j) }\n}");
        assertEquals(10_000, b.toolCalls().value());
        assertEquals(1, b.diagnostics().size(), b.diagnostics().toString());
        Diagnostic d = b.diagnostics().get(0);
        assertEquals("AP314", d.code());
        assertEquals(4, d.span().line());
        assertTrue(d.message().contains("51200"), d.message());

        PlanBounds sequential = bounds("for each i in " + hundred + " {\n  for each j in " + hundred
                + " { r = u(v: j) }\n}");
        assertTrue(sequential.diagnostics().isEmpty(), "a sequential loop continues as new between passes");
        assertTrue(sequential.segments().value() > 1);
    }
}
