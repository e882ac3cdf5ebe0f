package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.forEach;
import static dev.agentplan.runtime.Plans.lane;
import static dev.agentplan.runtime.Plans.parallel;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTest extends InterpreterTestBase {

    private static Expr numbers(int n) {
        List<Expr> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(num(i));
        }
        return new Expr.ListExpr(items, Exprs.AT);
    }

    @Test
    void parallelAllBindsEveryLanesOwnNames() {
        RunResult r = run(plan("all", List.of(
                set("shared", str("s")),
                parallel("res", Step.JoinMode.ALL,
                        lane("a", call("r", "echo", "from", str("a"), "saw", path("shared"))),
                        lane("b", call("r", "echo", "from", str("b")), set("extra", num(1))))),
                map("res", path("res"), "r", path("r"))));
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"res\":{\"a\":{\"r\":{\"from\":\"a\",\"saw\":\"s\"}},\"b\":{\"r\":{\"from\":\"b\"},\"extra\":1}},"
                + "\"r\":null}", out(r), "lanes read the enclosing scope and write only their own");
        assertEquals(List.of("2/lane:a/1", "2/lane:b/1"), TOOLS.calls.stream().map(c -> c.stepPath()).sorted().toList());
    }

    @Test
    void parallelAllFailsOnTheFirstFailureAndCancelsTheOtherLanes() {
        WorkflowStub stub = start(pin(plan("allfail", List.of(
                parallel("res", Step.JoinMode.ALL,
                        lane("slow", call("r", "slow", "ms", num(20_000), "lane", str("slow"))),
                        lane("bad", call("r", "flaky", "times", num(9), "error", str("HttpError"), "retryable", bool(false))))),
                map())), null);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("HttpError", r.error().type());
        assertEquals("1/lane:bad/1", r.error().step());
        List<StepLogEntry> log = status(stub).stepLog();
        assertTrue(log.stream().anyMatch(e -> e.path().equals("1/lane:slow/1") && e.outcome().equals("cancelled")),
                log.toString());
    }

    @Test
    void parallelFirstTakesTheWinnerAndCancelsTheLosers() throws Exception {
        WorkflowStub stub = start(pin(plan("first", List.of(
                parallel("res", Step.JoinMode.FIRST,
                        lane("slow", call("r", "slow", "ms", num(20_000), "lane", str("slow"))),
                        lane("fast", call("r", "echo", "winner", str("fast"))))),
                map("res", path("res")))), null);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("{\"res\":{\"r\":{\"winner\":\"fast\"}}}", out(r), String.valueOf(r.error()));
        RunStatus s = status(stub);
        assertTrue(s.stepLog().stream().anyMatch(e -> e.path().equals("1/lane:slow/1") && e.outcome().equals("cancelled")),
                s.stepLog().toString());
        for (int i = 0; i < 100 && !TOOLS.cancelled.contains("1/lane:slow/1:slow"); i++) {
            Thread.sleep(50); // the activity learns of the cancellation at its next heartbeat
        }
        assertTrue(TOOLS.cancelled.contains("1/lane:slow/1:slow"), "the losing activity was cancelled");
    }

    @Test
    void parallelFirstSucceedsIfAnyLaneSucceeds() {
        RunResult r = run(plan("firstok", List.of(
                parallel("res", Step.JoinMode.FIRST,
                        lane("bad", call("r", "flaky", "times", num(9), "retryable", bool(false))),
                        lane("good", call("w", "slow", "ms", num(200))))),
                map("res", path("res.w.ms"))));
        assertEquals("{\"res\":200}", out(r), String.valueOf(r.error()));
    }

    @Test
    void parallelFirstFailsOnlyWhenEveryLaneFails() {
        RunResult r = run(plan("firstfail", List.of(
                parallel("res", Step.JoinMode.FIRST,
                        lane("a", call("r", "flaky", "times", num(9), "error", str("HttpError"), "retryable", bool(false))),
                        lane("b", call("r", "flaky", "times", num(9), "error", str("ExitCode"), "retryable", bool(false))))),
                map()));
        assertEquals(RunState.FAILED, r.status());
        assertTrue(r.error().message().startsWith("every lane failed: "), r.error().message());
        assertTrue(r.error().message().contains("a: HttpError") && r.error().message().contains("b: ExitCode"));
        assertEquals(2, r.error().details().size());
    }

    @Test
    void parallelForEachNeverExceedsItsConcurrencyAndGathersResultsInItemOrder() {
        WorkflowStub stub = start(pin(plan("fan", List.of(
                forEach("i", numbers(12), 3, call("r", "count", "ms", num(60), "i", path("i")))),
                map("r", path("r")))), null);
        RunResult r = stub.getResult(RunResult.class);
        String runId = stub.getExecution().getWorkflowId();
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertTrue(TOOLS.maxInFlight.get() <= 3, "max in flight " + TOOLS.maxInFlight.get());
        assertTrue(TOOLS.maxInFlight.get() >= 2, "ran in parallel at all: " + TOOLS.maxInFlight.get());
        assertEquals(12, r.output().get("r").size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, r.output().get("r").get(i).get("i").asInt());
        }
        // Only this run's calls: an activity of an earlier test in the class may still be finishing.
        assertEquals(12, TOOLS.calls.stream().filter(c -> c.runId().equals(runId))
                        .map(c -> c.idempotencyKey()).distinct().count(),
                "each iteration has its own idempotency key");
    }

    @Test
    void parallelismIsCappedAtOneHundredInFlight() {
        RunResult r = run(plan("wide", List.of(
                forEach("i", numbers(160), 1000, call(null, "count", "ms", num(400)))), map()));
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(160, TOOLS.calls.size());
        assertTrue(TOOLS.maxInFlight.get() <= ParallelRunner.CAP, "max in flight " + TOOLS.maxInFlight.get());
        assertTrue(TOOLS.maxInFlight.get() > 3, "ran wide: " + TOOLS.maxInFlight.get());
    }

    @Test
    void aFailingIterationFailsTheParallelLoopAndCancelsTheOthers() {
        RunResult r = run(plan("fanfail", List.of(
                forEach("i", list(num(0), num(1), num(2)), 3,
                        Plans.ifElse(Exprs.bin("==", path("i"), num(1)),
                                List.of(call("r", "flaky", "times", num(9), "retryable", bool(false), "error", str("Bad"))),
                                List.of(call("r", "slow", "ms", num(20_000)))))),
                map()));
        assertEquals(RunState.FAILED, r.status());
        assertEquals("Bad", r.error().type());
        assertEquals("1/body/1/then/1", r.error().step());
    }

    @Test
    void aParallelLoopLiftsEveryNameItsBodyCanBindEvenAfterNoIteration() {
        RunResult some = run(plan("lifted", List.of(
                forEach("i", numbers(3), 2, call("r", "echo", "i", path("i")), set("doubled", path("i")))),
                map("r", path("r"), "doubled", path("doubled"))));
        assertEquals("{\"r\":[{\"i\":0},{\"i\":1},{\"i\":2}],\"doubled\":[0,1,2]}", out(some),
                String.valueOf(some.error()));
        RunResult none = run(plan("liftednone", List.of(
                forEach("i", numbers(0), 2, call("r", "echo", "i", path("i")), set("doubled", path("i")))),
                map("r", path("r"), "doubled", path("doubled"))));
        assertEquals("{\"r\":[],\"doubled\":[]}", out(none), "no iteration: empty lists, not unset names");
    }
}
