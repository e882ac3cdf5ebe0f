package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.fn;
import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Exprs.template;
import static dev.agentplan.runtime.Plans.branch;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.catching;
import static dev.agentplan.runtime.Plans.fail;
import static dev.agentplan.runtime.Plans.forEach;
import static dev.agentplan.runtime.Plans.ifChain;
import static dev.agentplan.runtime.Plans.input;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.tryCatch;
import static dev.agentplan.runtime.Plans.waitFor;
import static dev.agentplan.runtime.Plans.whileLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.ValueType;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.api.ToolCallSummary;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstructsTest extends InterpreterTestBase {

    @Test
    void toolCallBindsItsResultAndOutputIsEvaluated() {
        AgentDefinition def = plan("echoes",
                List.of(call("r", "echo", "msg", template(str("hi "), path("input.who")), "n", num(2))),
                map("said", path("r.msg"), "twice", bin("*", path("r.n"), num(2))));
        PinnedDefinition p = pin(new AgentDefinition(def.name(), null,
                List.of(input("who", ValueType.STRING, null)), null, def.tools(), null, def.steps(), def.output(), def.span()));
        RunResult r = run(p, json("{\"who\":\"ann\"}"));
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"said\":\"hi ann\",\"twice\":4}", out(r));
        assertEquals(1, r.counts().toolCalls());
        assertEquals(1, r.counts().steps());
        assertEquals("echo", TOOLS.calls.get(0).kind());
        assertEquals("1", TOOLS.calls.get(0).stepPath());
        assertEquals("test.agent:10", TOOLS.calls.get(0).sourceLine());
    }

    @Test
    void ifElseIfElseTakesTheFirstTrueBranch() {
        for (String sev : List.of("high", "low", "other")) {
            AgentDefinition def = plan("branches", List.of(
                    set("sev", str(sev)),
                    ifChain(List.of(
                                    branch(bin("==", path("sev"), str("high")), set("took", str("then"))),
                                    branch(bin("==", path("sev"), str("low")), set("took", str("elif")))),
                            List.of(set("took", str("else"))))),
                    map("took", path("took")));
            RunResult r = run(def);
            String expected = sev.equals("high") ? "then" : sev.equals("low") ? "elif" : "else";
            assertEquals("{\"took\":\"" + expected + "\"}", out(r));
        }
    }

    @Test
    void sequentialForEachRunsInOrderAndSharesTheScope() {
        AgentDefinition def = plan("loop", List.of(
                set("acc", list()),
                forEach("x", list(str("a"), str("b"), str("c")), null,
                        call("r", "echo", "v", path("x")),
                        set("acc", bin("+", path("acc"), list(path("r.v")))))),
                map("acc", path("acc"), "last", path("x")));
        RunResult r = run(def);
        assertEquals("{\"acc\":[\"a\",\"b\",\"c\"],\"last\":\"c\"}", out(r));
        assertEquals(List.of("2/body/1", "2/body/1", "2/body/1"), TOOLS.calls.stream().map(c -> c.stepPath()).toList());
    }

    @Test
    void whileLoopsUntilItsConditionIsFalse() {
        AgentDefinition def = plan("counter", List.of(
                set("i", num(0)),
                whileLoop(bin("<", path("i"), num(4)), 10, set("i", bin("+", path("i"), num(1))))),
                map("i", path("i")));
        assertEquals("{\"i\":4}", out(run(def)));
    }

    @Test
    void whileBeyondItsBoundFailsWithLoopBoundExceeded() {
        PinnedDefinition p = pin(plan("unbounded", List.of(
                set("i", num(0)),
                whileLoop(bool(true), 3, set("i", bin("+", path("i"), num(1))))), map()));
        RunResult r = run(p, null);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("LoopBoundExceeded", r.error().type());
        assertEquals("2", r.error().step());
        assertEquals("test.agent:11", r.error().line());
        assertTrue(r.error().message().contains("bound of 3"), r.error().message());
    }

    @Test
    void waitIsADurableTimer() {
        long before = env.currentTimeMillis();
        RunResult r = run(plan("waits", List.of(waitFor(Duration.ofHours(2)), set("t", fn("now"))), map("t", path("t"))));
        assertEquals(RunState.COMPLETED, r.status());
        assertTrue(env.currentTimeMillis() - before >= Duration.ofHours(2).toMillis(), "time skipped past the timer");
    }

    @Test
    void tryCatchFinallyCatchesToolFailureTypes() {
        AgentDefinition def = plan("trycatch", List.of(
                tryCatch(
                        List.of(call("x", "flaky", "times", num(5), "error", str("HttpError"), "retryable", bool(false))),
                        List.of(catching(List.of("Timeout"), "t", set("which", str("timeout"))),
                                catching(List.of("HttpError", "ToolError"), "err", set("which", str("http")))),
                        List.of(set("cleaned", bool(true))))),
                map("which", path("which"), "err", path("err"), "cleaned", path("cleaned")));
        PinnedDefinition p = pin(def);
        RunResult r = run(p, null);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("http", r.output().get("which").asText());
        assertEquals("HttpError", r.output().at("/err/type").asText());
        assertEquals("1/try/1", r.output().at("/err/step").asText());
        assertEquals("test.agent:11", r.output().at("/err/line").asText());
        assertTrue(r.output().at("/err/message").asText().contains("attempt 1 of 5 failing"));
        assertEquals(1, r.output().at("/err/details/attempt").asInt());
        assertTrue(r.output().get("cleaned").asBoolean());
        assertEquals(1, TOOLS.calls.size(), "non-retryable: one attempt");
    }

    @Test
    void uncaughtErrorsRunFinallyAndFailTheRun() {
        RunResult r = run(plan("uncaught", List.of(
                tryCatch(List.of(fail(str("boom"))),
                        List.of(catching(List.of("HttpError"), null, set("caught", bool(true)))),
                        List.of(call(null, "echo", "cleanup", bool(true))))), map()));
        assertEquals(RunState.FAILED, r.status());
        assertEquals("PlanFailed", r.error().type());
        assertEquals("boom", r.error().message());
        assertEquals("1/try/1", r.error().step());
        assertEquals(1, TOOLS.callsOf("echo").size(), "the finally body ran");
        assertTrue(r.output() == null || r.output().isNull());
    }

    @Test
    void catchWithoutTypesCatchesPlanFailedAndErrorsInCatchPropagate() {
        RunResult r = run(plan("rethrow", List.of(
                tryCatch(List.of(fail(str("first"))),
                        List.of(catching(List.of(), "e", fail(template(str("again: "), path("e.message"))))),
                        List.of())), map()));
        assertEquals("PlanFailed", r.error().type());
        assertEquals("again: first", r.error().message());
        assertEquals("1/catch1/1", r.error().step());
    }

    @Test
    void retriesAreCountedInTheStepLog() {
        WorkflowStub stub = start(pin(plan("retry", List.of(call("x", "flaky", "times", num(2))), map())), null);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(3, TOOLS.calls.size());
        RunStatus s = status(stub);
        StepLogEntry e = s.stepLog().get(s.stepLog().size() - 1);
        assertEquals(3, e.attempts());
        assertEquals("ok", e.outcome());
        assertEquals("flaky", e.tool());
        assertEquals(3, s.lastToolCall().attempts());
    }

    @Test
    void expressionErrorsNameTheLine() {
        PinnedDefinition p = pin(plan("badexpr", List.of(
                set("a", num(1)),
                set("b", bin("+", path("a"), str("x")))), map()));
        RunResult r = run(p, null);
        assertEquals("ExpressionError", r.error().type());
        assertEquals("2", r.error().step());
        assertEquals("test.agent:11", r.error().line());
        assertTrue(r.error().message().startsWith("test.agent:11: cannot add number and string"), r.error().message());
    }

    @Test
    void inputsAreCheckedAndDefaultsApplied() {
        AgentDefinition base = plan("inputs", List.of(), map("svc", path("input.service"), "id", path("input.id")));
        AgentDefinition def = new AgentDefinition("inputs", null, List.of(
                input("id", ValueType.STRING, null),
                input("service", ValueType.STRING, str("checkout")),
                input("n", ValueType.NUMBER, num(3))), null, base.tools(), null, base.steps(), base.output(), base.span());
        PinnedDefinition p = pin(def);
        RunResult ok = run(p, json("{\"id\":\"A1\"}"));
        assertEquals("{\"svc\":\"checkout\",\"id\":\"A1\"}", out(ok));

        RunResult bad = run(p, json("{\"service\":5,\"extra\":1}"));
        assertEquals(RunState.FAILED, bad.status());
        assertEquals("InvalidInput", bad.error().type());
        String m = bad.error().message();
        assertTrue(m.contains("missing required input 'id'"), m);
        assertTrue(m.contains("input 'service' must be a string, got number"), m);
        assertTrue(m.contains("unknown input 'extra'"), m);
    }

    @Test
    void activityTimeoutsAreCatchableAsTimeout() {
        Step.CallStep slow = call("x", "slow", "ms", num(3000));
        AgentDefinition def = new AgentDefinition("timeouts", null, List.of(), null, List.of(
                new dev.agentplan.model.ToolDecl("slow", "slow", new dev.agentplan.model.ToolPolicy(
                        Duration.ofMillis(300), null, null, new dev.agentplan.model.RetryPolicy(1, null, null, null,
                        List.of()), null, null, null, null), Exprs.AT)), null,
                List.of(tryCatch(List.of(slow), List.of(catching(List.of("Timeout"), "e", set("t", path("e.type")))),
                        List.of())), map("t", path("t")), Exprs.AT);
        RunResult r = run(def);
        assertEquals("{\"t\":\"Timeout\"}", out(r), String.valueOf(r.error()));
    }

    @Test
    void statusSummarisesTheLastToolCallTruncated() {
        String longText = "x".repeat(1000);
        WorkflowStub stub = start(pin(plan("summary", List.of(call("r", "echo", "text", str(longText))), map())), null);
        stub.getResult(RunResult.class);
        ToolCallSummary last = status(stub).lastToolCall();
        assertEquals("echo", last.tool());
        assertEquals("echo", last.kind());
        assertEquals("1", last.stepPath());
        assertEquals("ok", last.outcome());
        assertEquals(1, last.attempts());
        assertTrue(last.arguments().startsWith("{\"text\":\"xxx"), last.arguments());
        assertTrue(last.arguments().length() < 250, "truncated: " + last.arguments().length());
        assertTrue(last.arguments().endsWith("chars)"), last.arguments());
        assertTrue(last.result().length() < 250);
    }
}
