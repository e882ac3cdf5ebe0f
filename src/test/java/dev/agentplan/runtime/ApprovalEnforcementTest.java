package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.validate.PlanValidator;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defence in depth for the approval proof: plans that skip the validator (pinned straight from
 * their model) must still never run an approval-required tool without a person's approval,
 * forward call or compensation. The tool is a real {@code exec} of {@code touch}: a marker file
 * appearing would mean it ran.
 */
class ApprovalEnforcementTest extends InterpreterTestBase {

    @TempDir
    Path dir;

    @Override
    protected boolean timeSkipping() {
        return false; // a test decides a gate with an update while the run waits
    }

    private static String plan(String marker, String steps) {
        return """
                agent bypass "built to get past the validator"
                tools {
                  defaults { timeout 10s  retry { attempts 1 } }
                  note = echo { effect write  idempotent }
                  mark = exec { effect irreversible  approval required }
                }
                %s
                output { done: true }
                """.formatted(steps.replace("MARKER", marker));
    }

    private RunResult runUnvalidated(String text, boolean expectValidationError) {
        assertEquals(expectValidationError, PlanValidator.withBuiltinTools()
                        .validate(PlanText.parse("bypass.agent", text).definition()).stream()
                        .anyMatch(d -> d.isError()),
                "the validator's verdict on the plan");
        return start(AgentTextTest.deploy("bypass.agent", text), null).getResult(RunResult.class);
    }

    @Test
    void anUndoNeedingApprovalIsRefusedAndTheHistorySaysWhy() throws IOException {
        Path marker = dir.resolve("undo-ran");
        String text = plan(marker.toString(), """
                approve go { ask "Create it?"  timeout 1s  on_timeout approve }
                made = note(id: "A-1") undo mark(argv: ["touch", "MARKER"])
                fail "a later step fails"
                """);
        WorkflowStub stub = start(AgentTextTest.deploy("bypass.agent", text), null);
        RunResult r = stub.getResult(RunResult.class);
        assertTrue(PlanValidator.withBuiltinTools().validate(PlanText.parse("b.agent", text).definition()).stream()
                .anyMatch(d -> d.code().equals("AP213")), "the validator refuses the plan");
        assertEquals(RunState.FAILED, r.status());
        assertEquals("PlanFailed", r.error().type(), "the run fails for its own reason");
        assertFalse(Files.exists(marker), "the undo's irreversible tool must not have run");
        assertTrue(TOOLS.callsOf("mark").isEmpty(), "no activity was scheduled for it");
        assertEquals(0, r.counts().compensationsRun());
        assertEquals(1, r.counts().compensationsFailed());
        assertEquals(1, r.compensationErrors().size());
        ErrorInfo refused = r.compensationErrors().get(0);
        assertEquals(ErrorTypes.APPROVAL_MISSING, refused.type());
        assertTrue(refused.message().contains("calls tool 'mark', which is declared `approval required`"),
                refused.message());
        assertEquals("bypass.agent:8", refused.line(), "it names the call's line");
        String completion = completionPayload(stub);
        assertTrue(completion.contains(ErrorTypes.APPROVAL_MISSING) && completion.contains("was not run"),
                "the history's completion event records why: " + completion);
    }

    @Test
    void anUngatedForwardCallIsRefused() {
        Path marker = dir.resolve("call-ran");
        RunResult r = runUnvalidated(plan(marker.toString(), """
                mark(argv: ["touch", "MARKER"])
                """), true);
        assertEquals(RunState.FAILED, r.status());
        assertEquals(ErrorTypes.APPROVAL_MISSING, r.error().type());
        assertTrue(r.error().message().contains("no approval given by a person comes before this call"),
                r.error().message());
        assertFalse(Files.exists(marker));
        assertTrue(TOOLS.callsOf("mark").isEmpty());
    }

    @Test
    void aGateThatApprovesItselfOnTimeoutDoesNotCover() {
        Path marker = dir.resolve("lazy-ran");
        RunResult r = runUnvalidated(plan(marker.toString(), """
                approve lazy { ask "Go?"  timeout 1s  on_timeout approve }
                mark(argv: ["touch", "MARKER"])
                """), true);
        assertEquals(ErrorTypes.APPROVAL_MISSING, r.error().type());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aGateInAnotherLaneDoesNotCoverAConcurrentCall() {
        Path marker = dir.resolve("lane-ran");
        RunResult r = runUnvalidated(plan(marker.toString(), """
                parallel all {
                  lane ask { approve ok { ask "Go?"  timeout 1s  on_timeout approve } }
                  lane act { mark(argv: ["touch", "MARKER"]) }
                }
                """), true);
        assertEquals(ErrorTypes.APPROVAL_MISSING, r.error().type());
        assertFalse(Files.exists(marker));
    }

    @Test
    void aPersonsApprovalInALaneCoversTheCallAfterTheJoin() throws Exception {
        Path marker = dir.resolve("approved-ran");
        String text = plan(marker.toString(), """
                parallel all {
                  lane ask { approve ok { ask "Go?"  timeout 1h } }
                  lane other { note(id: "x") }
                }
                mark(argv: ["touch", "MARKER"])
                """);
        assertTrue(PlanValidator.withBuiltinTools().validate(PlanText.parse("b.agent", text).definition()).stream()
                .noneMatch(d -> d.isError()), "a plan the validator accepts");
        WorkflowStub stub = start(AgentTextTest.deploy("bypass.agent", text), null);
        awaitStatus(stub, s -> !s.pendingApprovals().isEmpty());
        update(stub, InterpreterWorkflow.DECIDE, String.class, new GateDecision("ok", true, "alice", null));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertTrue(Files.exists(marker), "the approved call ran");
    }

    /** The result payload of the run's WorkflowExecutionCompleted event, as text. */
    private static String completionPayload(WorkflowStub stub) {
        WorkflowExecutionHistory history = client.fetchHistory(stub.getExecution().getWorkflowId());
        for (HistoryEvent e : history.getEvents()) {
            if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
                StringBuilder out = new StringBuilder();
                for (Payload p : e.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloadsList()) {
                    out.append(p.getData().toString(StandardCharsets.UTF_8));
                }
                return out.toString();
            }
        }
        assertNotNull(null, "no completion event");
        return "";
    }
}
