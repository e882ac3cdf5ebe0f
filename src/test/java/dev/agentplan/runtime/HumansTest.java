package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Plans.approve;
import static dev.agentplan.runtime.Plans.awaitSignal;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.catching;
import static dev.agentplan.runtime.Plans.fail;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.toolCall;
import static dev.agentplan.runtime.Plans.tryCatch;
import static dev.agentplan.runtime.Plans.withUndo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.tools.ToolCallRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approvals, signals and cancellation driven by a client while the run waits (no time skipping). */
class HumansTest extends InterpreterTestBase {

    @Override
    protected boolean timeSkipping() {
        return false;
    }

    private static final Duration FOUR_HOURS = Duration.ofHours(4);

    private static String refusal(WorkflowStub stub, GateDecision d) {
        return refusal(stub, InterpreterWorkflow.DECIDE, d);
    }

    private static PinnedDefinition gated(Step.ApprovalTimeout onTimeout, Step... after) {
        List<Step> steps = new java.util.ArrayList<>();
        steps.add(approve("deploy_ok", "Deploy checkout?", List.of("alice", "bob"), FOUR_HOURS, onTimeout));
        steps.addAll(List.of(after));
        return pin(plan("gated", steps, map("gate", path("deploy_ok"))));
    }

    @Test
    void pendingApprovalsAreListedAndDecidedByUpdate() throws Exception {
        WorkflowStub stub = start(gated(Step.ApprovalTimeout.FAIL,
                awaitSignal("done", "finish", null, Step.SignalTimeout.FAIL)), null);
        RunStatus s = awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        assertEquals(RunState.WAITING_APPROVAL, s.state());
        PendingApproval p = s.pendingApprovals().get(0);
        assertEquals("deploy_ok", p.gate());
        assertEquals("Deploy checkout?", p.prompt());
        assertEquals(List.of("alice", "bob"), p.approvers());
        assertEquals("test.agent:10", p.line());
        assertEquals("1", p.stepPath());
        assertEquals(FOUR_HOURS, Duration.between(Instant.parse(p.since()), Instant.parse(p.deadline())));
        assertEquals("1", s.currentSteps().get(0).path());
        assertEquals("approval deploy_ok", s.currentSteps().get(0).waitingFor());

        assertTrue(refusal(stub, new GateDecision("nope", true, "alice", null))
                .contains("no approval gate named 'nope' in this run (pending: deploy_ok)"));
        assertTrue(refusal(stub, new GateDecision("deploy_ok", true, "mallory", null))
                .contains("'mallory' may not decide approval gate 'deploy_ok' (allowed: alice, bob)"));
        assertTrue(refusal(stub, new GateDecision("deploy_ok", true, " ", null)).contains("must say who decides"));

        assertEquals("approved deploy_ok", update(stub, InterpreterWorkflow.DECIDE, String.class,
                new GateDecision("deploy_ok", true, "alice", "looks fine")));
        s = awaitStatus(stub, st -> st.pendingApprovals().isEmpty());
        assertTrue(refusal(stub, new GateDecision("deploy_ok", false, "bob", null))
                .contains("approval gate 'deploy_ok' is not pending: it was approved by alice"));
        ApprovalRecord rec = s.approvals().get(0);
        assertEquals("alice", rec.approver());
        assertEquals("looks fine", rec.comment());

        stub.signal(InterpreterWorkflow.SIGNAL, "finish", json("{}"));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(true, r.output().at("/gate/approved").asBoolean());
        assertEquals("alice", r.output().at("/gate/approver").asText());
        assertEquals("looks fine", r.output().at("/gate/comment").asText());
        assertEquals(rec.at(), r.output().at("/gate/at").asText(), "the audit record and the bound value agree");
        assertTrue(!Instant.parse(rec.at()).isBefore(Instant.parse(p.since())), "decided at workflow time");
        // (An update to a closed workflow never reaches the worker: the server answers it.)
    }

    @Test
    void rejectionFailsWithApprovalRejectedWhichIsCatchable() throws Exception {
        WorkflowStub stub = start(gated(Step.ApprovalTimeout.FAIL), null);
        awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        update(stub, InterpreterWorkflow.DECIDE, String.class, new GateDecision("deploy_ok", false, "bob", "not today"));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("ApprovalRejected", r.error().type());
        assertEquals("approval gate 'deploy_ok' was rejected by bob: not today", r.error().message());

        PinnedDefinition caught = pin(plan("caught", List.of(tryCatch(
                List.of(approve("g", "ok?", List.of(), FOUR_HOURS, Step.ApprovalTimeout.FAIL)),
                List.of(catching(List.of("ApprovalRejected"), "e", set("why", path("e.message")))), List.of())),
                map("why", path("why"), "gate", path("g.approved"))));
        WorkflowStub stub2 = start(caught, null);
        awaitStatus(stub2, st -> !st.pendingApprovals().isEmpty());
        update(stub2, InterpreterWorkflow.DECIDE, String.class, new GateDecision("g", false, "anyone", null));
        RunResult r2 = stub2.getResult(RunResult.class);
        assertEquals("{\"why\":\"approval gate 'g' was rejected by anyone\",\"gate\":false}", out(r2));
    }

    @Test
    void decisionsBySignalIgnoreInvalidOnesAndRecordThem() throws Exception {
        WorkflowStub stub = start(gated(Step.ApprovalTimeout.FAIL), null);
        awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        stub.signal(InterpreterWorkflow.DECIDE_SIGNAL, new GateDecision("deploy_ok", true, "mallory", null));
        RunStatus s = awaitStatus(stub, st -> !st.ignoredSignals().isEmpty());
        assertTrue(s.ignoredSignals().get(0).reason().contains("'mallory' may not decide"));
        assertEquals(1, s.pendingApprovals().size(), "still pending");
        stub.signal(InterpreterWorkflow.DECIDE_SIGNAL, new GateDecision("deploy_ok", true, "bob", null));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("bob", r.output().at("/gate/approver").asText());
    }

    @Test
    void signalsWakeAwaitSignalSteps() throws Exception {
        WorkflowStub stub = start(pin(plan("sig", List.of(
                awaitSignal("ci", "ci_finished", Duration.ofHours(2), Step.SignalTimeout.FAIL)),
                map("ci", path("ci")))), null);
        RunStatus s = awaitStatus(stub, st -> !st.awaitingSignals().isEmpty());
        assertEquals(RunState.WAITING_SIGNAL, s.state());
        assertEquals(List.of("ci_finished"), s.awaitingSignals());
        stub.signal(InterpreterWorkflow.SIGNAL, "other", json("1"));
        stub.signal(InterpreterWorkflow.SIGNAL, "ci_finished", json("{\"green\":true}"));
        assertEquals("{\"ci\":{\"green\":true}}", out(stub.getResult(RunResult.class)));
    }

    @Test
    void signalsSentBeforeTheStepWaitsAreBuffered() throws Exception {
        WorkflowStub stub = start(pin(plan("early", List.of(
                awaitSignal("first", "first", Duration.ofHours(1), Step.SignalTimeout.FAIL),
                awaitSignal("a", "go", Duration.ofHours(1), Step.SignalTimeout.FAIL),
                awaitSignal("b", "go", Duration.ofHours(1), Step.SignalTimeout.FAIL)),
                map("a", path("a"), "b", path("b")))), null);
        awaitStatus(stub, st -> st.awaitingSignals().contains("first"));
        stub.signal(InterpreterWorkflow.SIGNAL, "go", json("1"));
        stub.signal(InterpreterWorkflow.SIGNAL, "go", json("2"));
        stub.signal(InterpreterWorkflow.SIGNAL, "first", json("0"));
        assertEquals("{\"a\":1,\"b\":2}", out(stub.getResult(RunResult.class)), "taken in arrival order");
    }

    private static PinnedDefinition compensated(Step last) {
        return pin(plan("comp", List.of(
                withUndo(call("first", "echo", "id", str("T-1")), toolCall("undo", "which", str("first"),
                        "id", path("first.id"))),
                withUndo(call("second", "echo", "id", str("T-2")), toolCall("undo", "which", str("second"),
                        "id", path("second.id"))),
                call(null, "echo", "no", str("undo")),
                last), map()));
    }

    private static List<String> undone() {
        return TOOLS.callsOf("undo").stream().map(ToolCallRequest::arguments)
                .map(a -> a.get("which").asText() + ":" + a.get("id").asText()).toList();
    }

    @Test
    void cancelByUpdateRunsCompensationsInReverseOrder() throws Exception {
        WorkflowStub stub = start(compensated(approve("g", "go?", List.of(), FOUR_HOURS, Step.ApprovalTimeout.FAIL)), null);
        awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        assertTrue(refusal(stub, InterpreterWorkflow.CANCEL, new CancelRequest("", "x")).contains("must say who cancels"));
        assertEquals("cancelling", update(stub, InterpreterWorkflow.CANCEL, String.class,
                new CancelRequest("alice", "wrong alert")));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.CANCELLED, r.status());
        assertEquals("Cancelled", r.error().type());
        assertEquals("cancelled by alice: wrong alert", r.error().message());
        assertEquals("4", r.error().step(), "where the run was");
        assertEquals(List.of("second:T-2", "first:T-1"), undone(), "undo arguments captured the results");
        assertEquals(2, r.counts().compensationsRun());
        RunStatus s = status(stub);
        assertEquals(RunState.CANCELLED, s.state());
        assertEquals("alice", s.cancelled().by());
        assertEquals("wrong alert", s.cancelled().reason());
        assertTrue(s.pendingApprovals().isEmpty());
    }

    @Test
    void temporalCancellationIsHonoured() throws Exception {
        WorkflowStub stub = start(compensated(awaitSignal("x", "never", null, Step.SignalTimeout.FAIL)), null);
        awaitStatus(stub, st -> !st.awaitingSignals().isEmpty());
        stub.cancel("operator request");
        // A server-side cancellation ends the workflow CANCELED in Temporal (the SDK decides that), so
        // the result is the status query's: compensations ran first, and who/why is recorded.
        WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> stub.getResult(RunResult.class));
        assertTrue(e.getCause() instanceof CanceledFailure);
        assertEquals(List.of("second:T-2", "first:T-1"), undone());
        RunStatus s = status(stub);
        assertEquals(RunState.CANCELLED, s.state());
        assertEquals("temporal", s.cancelled().by());
        assertEquals("Cancelled", s.error().type());
        assertEquals("4", s.error().step(), "where the run was when it was cancelled");
    }

    @Test
    void failureRunsCompensationsToo() {
        RunResult r = run(compensated(fail(str("late failure"))), null);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("late failure", r.error().message());
        assertEquals(List.of("second:T-2", "first:T-1"), undone());
        assertEquals(2, r.counts().compensationsRun());
        assertEquals(0, r.counts().compensationsFailed());
    }

    @Test
    void successDoesNotCompensate() {
        RunResult r = run(compensated(call(null, "echo", "fine", num(1))), null);
        assertEquals(RunState.COMPLETED, r.status());
        assertTrue(undone().isEmpty());
        assertNull(r.error());
    }

    @Test
    void aCancelSignalStopsATimerWait() throws Exception {
        WorkflowStub stub = start(compensated(Plans.waitFor(Duration.ofHours(1))), null);
        RunStatus s = awaitStatus(stub, st -> st.state() == RunState.WAITING_TIMER);
        assertTrue(s.currentSteps().get(0).waitingFor().startsWith("timer until "), s.currentSteps().toString());
        stub.signal(InterpreterWorkflow.CANCEL_SIGNAL, new CancelRequest("", "no name"));
        s = awaitStatus(stub, st -> !st.ignoredSignals().isEmpty());
        assertTrue(s.ignoredSignals().get(0).reason().contains("must say who cancels"));
        stub.signal(InterpreterWorkflow.CANCEL_SIGNAL, new CancelRequest("ops-bot", "maintenance window"));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.CANCELLED, r.status());
        assertEquals("cancelled by ops-bot: maintenance window", r.error().message());
        assertEquals(List.of("second:T-2", "first:T-1"), undone());
    }
}
