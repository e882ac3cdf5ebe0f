package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Plans.budget;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.catching;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.toolCall;
import static dev.agentplan.runtime.Plans.tryCatch;
import static dev.agentplan.runtime.Plans.waitFor;
import static dev.agentplan.runtime.Plans.whileLoop;
import static dev.agentplan.runtime.Plans.withUndo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Budget;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets: exceeding one fails the run with BudgetExceeded naming the budget, the step and its line. */
class BudgetsTest extends InterpreterTestBase {

    private static RunResult runWith(Budget b, List<Step> steps) {
        return run(pin(plan("budgeted", List.of(), b, steps, map())), null);
    }

    @Test
    void toolCallsBudget() {
        RunResult r = runWith(budget(2, null, null, null), List.of(
                call(null, "echo", "n", num(1)), call(null, "echo", "n", num(2)), call(null, "echo", "n", num(3))));
        assertEquals(RunState.FAILED, r.status());
        assertEquals("BudgetExceeded", r.error().type());
        assertEquals("3", r.error().step());
        assertEquals("test.agent:12", r.error().line());
        assertEquals("the tool_calls budget of 2 is used up at step 3 (test.agent:12)", r.error().message());
        assertEquals("tool_calls", r.error().details().get("budget").asText());
        assertEquals(2, TOOLS.calls.size(), "the third call never ran");
    }

    @Test
    void stepsBudgetCountsEveryStepRun() {
        RunResult r = runWith(budget(null, 5, null, null), List.of(
                set("i", num(0)),
                whileLoop(bool(true), 100, set("i", Exprs.bin("+", path("i"), num(1))))));
        assertEquals("BudgetExceeded", r.error().type());
        assertTrue(r.error().message().startsWith("the steps budget of 5 is used up at step 2/body/1"), r.error().message());
        assertEquals(5, r.counts().steps());
    }

    @Test
    void costBudgetIsChargedFromToolResults() {
        RunResult r = runWith(budget(null, null, null, "5"), List.of(
                call(null, "priced", "cost", num(2)), call(null, "priced", "cost", num("2.5")),
                call(null, "priced", "cost", num(1))));
        assertEquals("BudgetExceeded", r.error().type());
        assertEquals("3", r.error().step());
        assertTrue(r.error().message().startsWith("the cost budget of 5 is exceeded (used 5.5) at step 3"),
                r.error().message());
        assertEquals(0, new BigDecimal("5.5").compareTo(r.counts().cost()));
    }

    @Test
    void durationBudgetStopsAWaitingRunInWorkflowTime() {
        WorkflowStub stub = start(pin(plan("slowpoke", List.of(), budget(null, null, Duration.ofHours(1), null),
                List.of(withUndo(call("t", "echo", "id", num(7)), toolCall("undo", "id", path("t.id"))),
                        waitFor(Duration.ofHours(3))), map())), null);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("BudgetExceeded", r.error().type());
        assertEquals("the duration budget of 1h is used up at step 2 (test.agent:11)", r.error().message());
        assertEquals(1, TOOLS.callsOf("undo").size(), "compensations ran");
        RunStatus s = status(stub);
        StepLogEntry waited = s.stepLog().stream().filter(e -> e.path().equals("2")).findFirst().orElseThrow();
        assertEquals("cancelled", waited.outcome());
        long waitedMs = Duration.between(Instant.parse(waited.startedAt()), Instant.parse(waited.endedAt())).toMillis();
        assertTrue(waitedMs < Duration.ofMinutes(61).toMillis() && waitedMs > Duration.ofMinutes(59).toMillis(),
                "stopped at the deadline (workflow time), not after the 3h wait: " + waitedMs);
        assertEquals("duration_ms", s.budget().get(2).name());
    }

    @Test
    void budgetErrorsAreCatchable() {
        RunResult r = runWith(budget(1, null, null, null), List.of(
                tryCatch(List.of(call(null, "echo", "n", num(1)), call(null, "echo", "n", num(2))),
                        List.of(catching(List.of("BudgetExceeded"), "e", set("why", path("e.details.budget")))),
                        List.of())));
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
    }

    @Test
    void statusReportsBudgetUsedAndLeft() {
        WorkflowStub stub = start(pin(plan("report", List.of(), budget(10, 20, null, "3"),
                List.of(call(null, "priced", "cost", num(1)), call(null, "echo", "x", str("y"))), map())), null);
        stub.getResult(RunResult.class);
        List<BudgetUse> b = status(stub).budget();
        assertEquals("tool_calls", b.get(0).name());
        assertEquals(0, b.get(0).used().compareTo(BigDecimal.valueOf(2)));
        assertEquals(0, b.get(0).left().compareTo(BigDecimal.valueOf(8)));
        assertEquals(0, b.get(1).left().compareTo(BigDecimal.valueOf(18)));
        assertEquals(null, b.get(2).limit());
        assertEquals(0, b.get(3).left().compareTo(BigDecimal.valueOf(2)));
    }
}
