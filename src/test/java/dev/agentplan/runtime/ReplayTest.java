package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.whileLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Determinism: histories of finished runs replay on a fresh worker without a single mismatch,
 * and a worker that would walk a different plan is caught as non-deterministic.
 */
class ReplayTest extends InterpreterTestBase {

    private static final String TEXT = AgentTextTest.TEXT;

    private static void replay(WorkflowExecutionHistory history, PlanDecoder decoder) throws Exception {
        // A factory that is never started: the replayer only uses its worker's workflow implementation.
        WorkerFactory factory = WorkerFactory.newInstance(client);
        try {
            Worker worker = AgentWorker.create(factory, new AgentWorker.Config("replay", false, decoder,
                    AgentWorker.kindsOf(TOOLS.registry()), TOOLS, null));
            WorkflowReplayer.replayWorkflowExecution(history, worker);
        } finally {
            factory.shutdownNow();
        }
    }

    @Test
    void aRichRunReplaysDeterministically() throws Exception {
        WorkflowStub stub = start(AgentTextTest.deploy("triage.agent", TEXT), json("{\"alert_id\": \"R1\"}"));
        assertEquals(RunState.COMPLETED, stub.getResult(RunResult.class).status());
        WorkflowExecutionHistory history = env.getWorkflowExecutionHistory(stub.getExecution());
        replay(history, new JsonPlanDecoder());

        // The same history against a worker that would walk another plan (one more call first) must not replay.
        PinnedDefinition changed = AgentTextTest.deploy("triage.agent", TEXT.replace(
                "evidence = logs(", "extra = ticket(n: 1)\nevidence = logs("));
        AgentDefinition other = new JsonPlanDecoder().decode("other.json", changed.canonicalJson());
        Exception e = assertThrows(Exception.class, () -> replay(history, (file, json) -> other));
        boolean nonDeterministic = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            nonDeterministic |= t instanceof NonDeterministicException
                    || String.valueOf(t.getMessage()).contains("does not match command")
                    || String.valueOf(t.getMessage()).contains("nondeterministic")
                    // WorkflowReplayer reports a command mismatch as a query failure carrying this code.
                    || String.valueOf(t.getMessage()).contains("[TMPRL1100]");
        }
        assertTrue(nonDeterministic, "replay failed for another reason: " + e);
    }

    @Test
    void everyContinueAsNewSegmentReplays() throws Exception {
        WorkflowStub stub = start(pin(plan("segments", List.<Step>of(
                set("i", num(0)),
                whileLoop(bin("<", path("i"), num(120)), 200,
                        call("r", "echo", "i", path("i")),
                        set("i", bin("+", path("r.i"), num(1))))),
                map("i", path("i")))), null, 300);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("{\"i\":120}", out(r));
        // Walk the chain from the first run through each run's continued-as-new event.
        List<WorkflowExecutionHistory> segments = new ArrayList<>();
        WorkflowExecution current = stub.getExecution();
        while (current != null) {
            WorkflowExecutionHistory h = env.getWorkflowExecutionHistory(current);
            segments.add(h);
            HistoryEvent last = h.getEvents().get(h.getEvents().size() - 1);
            current = !last.hasWorkflowExecutionContinuedAsNewEventAttributes() ? null
                    : WorkflowExecution.newBuilder().setWorkflowId(current.getWorkflowId())
                    .setRunId(last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()).build();
        }
        assertEquals(r.counts().segments(), segments.size());
        for (WorkflowExecutionHistory h : segments) {
            replay(h, new JsonPlanDecoder());
        }
    }
}
