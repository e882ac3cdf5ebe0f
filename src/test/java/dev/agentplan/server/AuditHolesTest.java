package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.syntax.PlanText;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the audit trail (and the status) must show that it did not: undo calls as compensations
 * with what triggered them, approvals decided by a timeout, refused decisions with who tried,
 * signals no step waits for, retries in progress, and a lost parallel-first lane told the same
 * way by status and history. Real runs of the real interpreter on the test server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditHolesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String UNDONE = """
            agent undone "two writes with undo, then a failure or a wait"
            input { hold: boolean = false }
            tools { defaults { timeout 10s } store = echo { effect write  idempotent } }
            a = store(id: "A") key "create-A" undo store(delete: a.id)
            b = store(id: "B") key "create-B" undo store(delete: b.id)
            if input.hold {
              go = await signal "go" { timeout 1h }
            }
            fail "giving up after ${b.id}"
            """;

    static final String GATED = """
            agent gated "a gate decided by its timeout, or by an allowed approver"
            input { quick: boolean = true }
            tools { defaults { timeout 10s } say = echo }
            if input.quick {
              approve soon { ask "Go?"  timeout 1s  on_timeout approve }
            } else {
              approve later { ask "Go?"  approvers ["alice"]  timeout 1h }
            }
            r = say(text: "went")
            output { text: r.text }
            """;

    static final String RETRIED = """
            agent retried "a call that fails twice before it succeeds"
            tools { flaky = fail { timeout 10s  retry { attempts 4  backoff 3s..3s } } }
            probe = flaky(times: 2, error: "Flaky", result: { ok: true })
            output { ok: probe.ok }
            """;

    static final String RACE = """
            agent race "the slow lane loses"
            tools { defaults { timeout 30s } note = echo  nap = sleep { heartbeat 5s } }
            winner = parallel first {
              lane fast { r = note(lane: "fast") }
              lane slow { n = nap(duration: "1s")  r = note(lane: "slow") }
            }
            approve after { ask "ok?"  timeout 1h }
            output { winner: winner.r.lane }
            """;

    private LocalStack stack;
    private RunClient client;

    @BeforeAll
    void start() {
        stack = LocalStack.start(0, "audit-holes", false, (agent, ref) -> null);
        client = new RunClient(stack.connection());
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private void start(String runId, String file, String plan, String inputs) throws Exception {
        client.start(Pins.ofFile(file, PlanText.parse(file, plan).definition()), JSON.readTree(inputs), runId,
                stack.taskQueue());
    }

    private RunStatus await(String runId, Predicate<RunStatus> until) throws InterruptedException {
        RunStatus s = null;
        for (int i = 0; i < 300; i++) {
            try {
                s = client.status(runId);
                if (until.test(s)) {
                    return s;
                }
            } catch (RuntimeException notYet) {
                // before the first workflow task
            }
            Thread.sleep(100);
        }
        throw new AssertionError(runId + " never got there: " + s);
    }

    private AuditTrail trail(String runId) {
        return HistoryReader.read(runId, client.historyChain(runId));
    }

    private static List<AuditEntry> of(AuditTrail t, String type) {
        return t.events().stream().filter(e -> e.type().equals(type)).toList();
    }

    @Test
    void undoCallsAreCompensationsOfTheirCallAndSayTheFailureTriggeredThem() throws Exception {
        start("undone-failed", "undone.agent", UNDONE, "{}");
        RunResult r = client.resultAsync("undone-failed").get();
        assertEquals(RunState.FAILED, r.status());
        List<AuditEntry> tools = of(trail("undone-failed"), "tool");
        assertEquals(4, tools.size(), tools.toString());
        AuditEntry a = tools.get(0);
        AuditEntry b = tools.get(1);
        assertNull(a.compensates(), "a forward call compensates nothing");
        AuditEntry undoB = tools.get(2);
        AuditEntry undoA = tools.get(3);
        assertEquals(b.eventId(), undoB.compensates(), "newest first: b's undo runs first");
        assertEquals(a.eventId(), undoA.compensates());
        assertTrue(undoA.trigger().startsWith("the failure: PlanFailed: giving up after B")
                || undoA.trigger().contains("giving up after B"), undoA.trigger());
        assertTrue(undoA.trigger().contains("undone.agent:9"), undoA.trigger());
    }

    @Test
    void undoCallsAfterACancelSayWhoCancelled() throws Exception {
        start("undone-cancelled", "undone.agent", UNDONE, "{\"hold\": true}");
        await("undone-cancelled", s -> s.awaitingSignals().contains("go"));
        client.cancel("undone-cancelled", new CancelRequest("carol", "not needed"));
        assertEquals(RunState.CANCELLED, client.resultAsync("undone-cancelled").get().status());
        List<AuditEntry> undos = of(trail("undone-cancelled"), "tool").stream().filter(e -> e.compensates() != null).toList();
        assertEquals(2, undos.size());
        undos.forEach(u -> assertTrue(u.trigger().contains("cancelled by carol: not needed"), u.trigger()));
    }

    @Test
    void anApprovalGrantedByItsTimeoutHasAnApprovalEntry() throws Exception {
        start("gated-timeout", "gated.agent", GATED, "{}");
        assertEquals(RunState.COMPLETED, client.resultAsync("gated-timeout").get().status());
        List<AuditEntry> approvals = of(trail("gated-timeout"), "approval");
        assertEquals(1, approvals.size(), approvals.toString());
        AuditEntry soon = approvals.get(0);
        assertEquals("soon", soon.name());
        assertEquals("approved", soon.outcome());
        assertNull(soon.who(), "nobody decided: the timeout did");
        assertEquals("1/then/1", soon.step());
        assertTrue(soon.detail().startsWith("its timeout after PT1S (on_timeout approve)"), soon.detail());
    }

    @Test
    void aRefusedDecisionIsRecordedWithWhoTried() throws Exception {
        start("gated-refused", "gated.agent", GATED, "{\"quick\": false}");
        await("gated-refused", s -> !s.pendingApprovals().isEmpty());
        RefusedException refused = assertThrows(RefusedException.class,
                () -> client.decide("gated-refused", new GateDecision("later", true, "mallory", "let me")));
        assertEquals("'mallory' may not decide approval gate 'later' (allowed: alice)", refused.getMessage());
        RunStatus s = client.status("gated-refused");
        IgnoredSignal kept = s.ignoredSignals().get(s.ignoredSignals().size() - 1);
        assertEquals("decision on later by mallory", kept.signal());
        assertTrue(kept.reason().contains("may not decide"), kept.reason());

        client.decide("gated-refused", new GateDecision("later", true, "alice", null));
        assertEquals(RunState.COMPLETED, client.resultAsync("gated-refused").get().status());
        List<AuditEntry> approvals = of(trail("gated-refused"), "approval");
        assertEquals(2, approvals.size(), approvals.toString());
        assertEquals("mallory", approvals.get(0).who());
        assertTrue(approvals.get(0).outcome().startsWith("refused: 'mallory' may not decide"), approvals.get(0).outcome());
        assertEquals("alice", approvals.get(1).who());
        assertEquals("approved", approvals.get(1).outcome());
    }

    @Test
    void aSignalNoStepWaitsForIsRecordedAsIgnored() throws Exception {
        start("undone-signal", "undone.agent", UNDONE, "{\"hold\": true}");
        await("undone-signal", s -> s.awaitingSignals().contains("go"));
        RefusedException refused = assertThrows(RefusedException.class,
                () -> client.signal("undone-signal", "og", JSON.readTree("{\"typo\": true}")));
        assertEquals("no step of run undone-signal's plan waits for signal 'og' (it waits for: go); not sent",
                refused.getMessage());
        // sent anyway, as another Temporal client could: the run records it as ignored
        stack.connection().client().newUntypedWorkflowStub("undone-signal", java.util.Optional.empty(),
                java.util.Optional.empty()).signal(dev.agentplan.runtime.InterpreterWorkflow.SIGNAL, "og",
                JSON.readTree("{\"typo\": true}"));
        RunStatus s = await("undone-signal", st -> !st.ignoredSignals().isEmpty());
        assertEquals("signal 'og'", s.ignoredSignals().get(0).signal());
        assertEquals("no step of this plan waits for signal 'og'", s.ignoredSignals().get(0).reason());
        client.signal("undone-signal", "go", JSON.readTree("{}"));
        client.resultAsync("undone-signal").get();
        List<AuditEntry> signals = of(trail("undone-signal"), "signal");
        assertEquals("ignored: no step of this plan waits for signal 'og'", signals.get(0).outcome());
        assertNull(signals.get(1).outcome(), "the awaited one was taken");
    }

    @Test
    void duringABackoffTheServerSaysWhichAttemptIsNextAndWhyTheLastFailed() throws Exception {
        start("retried-1", "retried.agent", RETRIED, "{}");
        PendingCall backingOff = null;
        for (int i = 0; i < 300 && backingOff == null; i++) {
            backingOff = client.pendingCalls("retried-1").stream().filter(p -> p.attempt() >= 2).findFirst().orElse(null);
            Thread.sleep(50);
        }
        assertNotNull(backingOff, "a second attempt is pending");
        assertEquals("fail", backingOff.activityType());
        assertEquals(4, backingOff.maximumAttempts());
        assertNotNull(backingOff.lastFailure(), backingOff.toString());
        assertTrue(backingOff.lastFailure().startsWith("Flaky: "), backingOff.lastFailure());
        assertEquals(RunState.COMPLETED, client.resultAsync("retried-1").get().status());
        assertTrue(client.pendingCalls("retried-1").isEmpty());
    }

    @Test
    void statusAndHistoryTellTheLosingLaneTheSameWay() throws Exception {
        start("race-1", "race.agent", RACE, "{}");
        RunStatus s = await("race-1", st -> !st.pendingApprovals().isEmpty()
                && st.stepLog().stream().anyMatch(e -> e.path().equals("1/lane:slow/1")));
        StepLogEntry lost = s.stepLog().stream().filter(e -> e.path().equals("1/lane:slow/1")).findFirst().orElseThrow();
        assertEquals("cancelled", lost.outcome());
        AuditEntry nap = null;
        for (int i = 0; i < 100 && (nap == null || nap.outcome() == null); i++) {
            nap = of(trail("race-1"), "tool").stream().filter(e -> "nap".equals(e.tool())).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertNotNull(nap);
        assertEquals("cancelled", nap.outcome(), "the same word as the status: " + nap);
        client.cancel("race-1", new CancelRequest("test", "done"));
    }
}
