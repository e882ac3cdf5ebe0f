package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one workflow type that runs every plan ({@value #TYPE}). The plan travels in the start
 * input ({@link RunRequest}), so every run keeps the exact definition it started with.
 */
@WorkflowInterface
public interface InterpreterWorkflow {

    String TYPE = "AgentRun";
    String STATUS = "status";
    String DECIDE = "decide";
    String DECIDE_SIGNAL = "decideAsync";
    String SIGNAL = "signal";
    String CANCEL = "cancel";
    String CANCEL_SIGNAL = "cancelAsync";
    String INTENT = "intent";
    String INTENT_UPDATE = "intentUpdate";

    /** Runs the plan to its end; always returns a result (COMPLETED, FAILED or CANCELLED). */
    @WorkflowMethod(name = TYPE)
    RunResult run(RunRequest request);

    @QueryMethod(name = STATUS)
    RunStatus status();

    /** Approves or rejects a pending approval gate; refused synchronously when the decision is not allowed. */
    @UpdateMethod(name = DECIDE)
    String decide(GateDecision decision);

    @UpdateValidatorMethod(updateName = DECIDE)
    void validateDecide(GateDecision decision);

    /** The same decision, fire-and-forget: an invalid one is recorded in the status and ignored. */
    @SignalMethod(name = DECIDE_SIGNAL)
    void decideAsync(GateDecision decision);

    /** A named external signal, taken by an {@code await signal "name"} step (buffered until one waits). */
    @SignalMethod(name = SIGNAL)
    void signal(String name, JsonNode payload);

    /** An event for an {@code on signal "name"} handler; one the run cannot take is recorded as ignored. */
    @SignalMethod(name = INTENT)
    void intent(IntentEvent event);

    /** An event for an {@code on update "name"} handler; answers what it did, or is refused with the reason. */
    @UpdateMethod(name = INTENT_UPDATE)
    String intentUpdate(IntentEvent event);

    @UpdateValidatorMethod(updateName = INTENT_UPDATE)
    void validateIntentUpdate(IntentEvent event);

    /** Stops the run: running work is cancelled, registered compensations run, the run ends CANCELLED. */
    @UpdateMethod(name = CANCEL)
    String cancel(CancelRequest request);

    @UpdateValidatorMethod(updateName = CANCEL)
    void validateCancel(CancelRequest request);

    @SignalMethod(name = CANCEL_SIGNAL)
    void cancelAsync(CancelRequest request);
}
