package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Plans.approve;
import static dev.agentplan.runtime.Plans.awaitSignal;
import static dev.agentplan.runtime.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Approval and signal timeouts (time skipping: hours pass in milliseconds). */
class TimeoutsTest extends InterpreterTestBase {

    private static PinnedDefinition gated(Step.ApprovalTimeout onTimeout) {
        return pin(plan("gated", List.of(approve("deploy_ok", "Deploy?", List.of("alice"), Duration.ofHours(4), onTimeout)),
                map("gate", path("deploy_ok"))));
    }

    @Test
    void approvalTimeoutsTakeOnTimeout() {
        RunResult failed = run(gated(Step.ApprovalTimeout.FAIL), null);
        assertEquals("ApprovalTimeout", failed.error().type());
        assertEquals("no decision on approval gate 'deploy_ok' within 4h", failed.error().message());

        RunResult rejected = run(gated(Step.ApprovalTimeout.REJECT), null);
        assertEquals("ApprovalRejected", rejected.error().type());
        assertEquals("approval gate 'deploy_ok' was rejected on timeout", rejected.error().message());

        RunResult approved = run(gated(Step.ApprovalTimeout.APPROVE), null);
        assertEquals(RunState.COMPLETED, approved.status());
        assertTrue(approved.output().at("/gate/approved").asBoolean());
        assertTrue(approved.output().at("/gate/approver").isNull());
    }

    @Test
    void signalTimeoutsFailOrContinue() {
        RunResult failed = run(plan("sigfail", List.of(
                awaitSignal("x", "never", Duration.ofMinutes(5), Step.SignalTimeout.FAIL)), map()));
        assertEquals("SignalTimeout", failed.error().type());
        assertEquals("no signal 'never' within 5m", failed.error().message());
        RunResult cont = run(plan("sigcont", List.of(
                awaitSignal("x", "never", Duration.ofMinutes(5), Step.SignalTimeout.CONTINUE)), map("x", path("x"))));
        assertEquals("{\"x\":null}", out(cont));
    }
}
