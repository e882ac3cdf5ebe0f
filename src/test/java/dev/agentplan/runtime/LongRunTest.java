package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.fn;
import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Plans.awaitSignal;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.catching;
import static dev.agentplan.runtime.Plans.fail;
import static dev.agentplan.runtime.Plans.forEach;
import static dev.agentplan.runtime.Plans.ifElse;
import static dev.agentplan.runtime.Plans.input;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.toolCall;
import static dev.agentplan.runtime.Plans.tryCatch;
import static dev.agentplan.runtime.Plans.whileLoop;
import static dev.agentplan.runtime.Plans.withUndo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.ValueType;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.tools.ToolCallRequest;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Long runs continue as new at safe points and resume exactly where they stopped. */
class LongRunTest extends InterpreterTestBase {

    private static final long THRESHOLD = 1000;

    private static ObjectNode items(int n) {
        ObjectNode in = JSON.createObjectNode();
        ArrayNode items = in.putArray("items");
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return in;
    }

    private static PinnedDefinition summing() {
        AgentDefinition base = plan("summing", List.of(
                set("sum", num(0)),
                forEach("x", path("input.items"), null,
                        call("r", "echo", "i", path("x")),
                        set("sum", bin("+", path("sum"), path("r.i"))))),
                map("sum", path("sum"), "n", fn("length", path("input.items"))));
        return pin(new AgentDefinition(base.name(), null, List.of(input("items", ValueType.LIST, null)), null,
                base.tools(), null, base.steps(), base.output(), base.span()));
    }

    private static void assertSummed(WorkflowStub stub, int n) {
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals((long) n * (n - 1) / 2, r.output().get("sum").asLong());
        assertEquals(n, r.output().get("n").asInt());
        assertEquals(n, r.counts().toolCalls(), "no call repeated or skipped across segments");
        assertEquals(2 + 2L * n, r.counts().steps());
        assertTrue(r.counts().segments() > 3, "continued as new several times: " + r.counts().segments());
        assertEquals(n, TOOLS.calls.stream().map(ToolCallRequest::idempotencyKey).distinct().count());
        RunStatus s = status(stub);
        assertEquals(r.counts().segments(), s.segment());
        assertEquals(2 + 2L * n, s.stepsLogged(), "the step log survived every segment");
        assertEquals(StepLog.KEPT, s.stepLog().size());
    }

    @Test
    void aForEachOfTwoThousandCallsCompletesAcrossSegments() {
        WorkflowStub stub = start(summing(), items(2000), THRESHOLD);
        assertSummed(stub, 2000);
    }

    /**
     * A segment may start from either carried form of the resume position: the cursor maps every
     * recorded history holds, or the frame stack. Both resume the loop at its saved iteration,
     * making only the calls left (a form read wrongly would start the loop over, or skip it).
     */
    @Test
    void aSegmentResumesFromTheCursorMapsAndFromTheFrameStackAlike() {
        ArrayNode items = items(10).withArray("items");
        // stopped at the top of iteration 5 of the for each, the second step (path "2": paths count from 1)
        List<ResumeFrame> stopped = List.of(new ResumeFrame.BodyFrame("", 1), new ResumeFrame.LoopFrame("2", 5, items));
        for (boolean asFrames : new boolean[] {false, true}) {
            InterpreterState resume = new InterpreterState(items(10), java.util.Map.of("sum", JSON.valueToTree(10),
                    "x", JSON.valueToTree(4), "r", json("{\"i\": 4}")), asFrames ? null : Frames.toCursor(stopped),
                    new InterpreterState.Usage(5, 11, java.math.BigDecimal.ZERO), env.currentTimeMillis(), List.of(),
                    List.of(), 11, java.util.Map.of(), List.of(), null, List.of(), 2, null, null,
                    asFrames ? stopped : null);
            WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, io.temporal.client.WorkflowOptions
                    .newBuilder().setTaskQueue(QUEUE).setWorkflowId(newId()).build());
            stub.start(new RunRequest(summing(), items(10), resume, 0));
            RunResult r = stub.getResult(RunResult.class);
            String id = stub.getExecution().getWorkflowId();
            assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
            assertEquals(45, r.output().get("sum").asLong(), "frames: " + asFrames);
            assertEquals(List.of(5, 6, 7, 8, 9), TOOLS.calls.stream().filter(c -> id.equals(c.runId()))
                    .map(c -> c.arguments().get("i").asInt()).toList(), "frames: " + asFrames);
            assertEquals(10, r.counts().toolCalls());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "agentplan.longTests", matches = "true")
    void tenThousandCalls() {
        WorkflowStub stub = start(summing(), items(10_000), 5000);
        assertSummed(stub, 10_000);
    }

    @Test
    void aWhileLoopResumesWithItsIterationCount() {
        WorkflowStub stub = start(pin(plan("counting", List.of(
                set("i", num(0)),
                whileLoop(bin("<", path("i"), num(300)), 300,
                        call("r", "echo", "i", path("i")),
                        set("i", bin("+", path("r.i"), num(1)))),
                whileLoop(bool(true), 2, set("j", num(1)))),
                map())), null, 400);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("LoopBoundExceeded", r.error().type(), "the second loop's bound still counts after resuming");
        assertTrue(r.counts().segments() > 2, "segments: " + r.counts().segments());
        assertEquals(300, TOOLS.calls.size());
        for (int i = 0; i < 300; i++) {
            assertEquals(i, TOOLS.calls.get(i).arguments().get("i").asInt());
        }
    }

    @Test
    void resumesInsideBranchesTryCatchAndFinallyWithThePendingError() {
        Step loop = forEach("x", path("input.items"), null, call(null, "echo", "x", path("x")));
        AgentDefinition base = plan("nested", List.of(
                withUndo(call("t", "echo", "id", str("T-1")), toolCall("undo", "id", path("t.id"))),
                ifElse(bool(true), List.of(
                        tryCatch(List.of(loop, fail(str("first"))),
                                List.of(catching(List.of("PlanFailed"), "e", loop, set("caught", path("e.message")))),
                                List.of(loop)),
                        tryCatch(List.of(fail(str("second"))), List.of(), List.of(loop))), List.of())),
                map());
        PinnedDefinition p = pin(new AgentDefinition(base.name(), null, List.of(input("items", ValueType.LIST, null)),
                null, base.tools(), null, base.steps(), base.output(), base.span()));
        WorkflowStub stub = start(p, items(60), 300);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("PlanFailed", r.error().type());
        assertEquals("second", r.error().message(), "the finally body ran, then the pending error was raised");
        assertEquals("2/then/2/try/1", r.error().step());
        assertEquals(60 * 4, TOOLS.callsOf("echo").size() - 1, "try, catch, finally and the second finally each ran once");
        assertEquals(List.of("T-1"), TOOLS.callsOf("undo").stream().map(c -> c.arguments().get("id").asText()).toList(),
                "compensations registered in the first segment ran at the end");
        assertTrue(r.counts().segments() > 3, "segments: " + r.counts().segments());
    }

    @Test
    void bufferedSignalsSurviveContinueAsNew() throws Exception {
        AgentDefinition base = plan("sigs", List.of(
                forEach("x", path("input.items"), null, call(null, "echo", "x", path("x"))),
                awaitSignal("a", "go", Duration.ofMinutes(1), Step.SignalTimeout.FAIL),
                awaitSignal("b", "go", Duration.ofMinutes(1), Step.SignalTimeout.FAIL)),
                map("got", list(path("a"), path("b"))));
        PinnedDefinition p = pin(new AgentDefinition(base.name(), null, List.of(input("items", ValueType.LIST, null)),
                null, base.tools(), null, base.steps(), base.output(), base.span()));
        WorkflowStub stub = start(p, items(100), 250);
        stub.signal(InterpreterWorkflow.SIGNAL, "go", json("\"first\""));
        stub.signal(InterpreterWorkflow.SIGNAL, "go", json("\"second\""));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("{\"got\":[\"first\",\"second\"]}", out(r), String.valueOf(r.error()));
        assertTrue(r.counts().segments() > 2);
    }
}
