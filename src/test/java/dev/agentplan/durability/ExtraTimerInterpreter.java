package dev.agentplan.durability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.InterpreterWorkflowImpl;
import dev.agentplan.runtime.JsonPlanDecoder;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Function;

/**
 * A changed interpreter (test only): the current one, but it now starts a timer before it walks
 * the plan, the kind of change a new feature brings (a start-up delay, a rate limit). Unguarded, it
 * issues a command old histories do not have; guarded with {@code Workflow.getVersion}, old runs
 * keep their old path and only new runs take the timer.
 */
final class ExtraTimerInterpreter implements InterpreterWorkflow {

    static final String CHANGE_ID = "agentplan-test-start-delay";
    static final Duration DELAY = Duration.ofMillis(10);

    private final boolean guarded;
    private final InterpreterWorkflowImpl current;

    ExtraTimerInterpreter(boolean guarded, Function<String, ToolKind> kinds) {
        this.guarded = guarded;
        this.current = new InterpreterWorkflowImpl(new JsonPlanDecoder(), kinds);
    }

    @Override
    public RunResult run(RunRequest request) {
        if (!guarded || Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1) {
            Workflow.sleep(DELAY);
        }
        return current.run(request);
    }

    @Override
    public RunStatus status() {
        return current.status();
    }

    @Override
    public String decide(GateDecision decision) {
        return current.decide(decision);
    }

    @Override
    public void validateDecide(GateDecision decision) {
        current.validateDecide(decision);
    }

    @Override
    public void decideAsync(GateDecision decision) {
        current.decideAsync(decision);
    }

    @Override
    public void signal(String name, JsonNode payload) {
        current.signal(name, payload);
    }

    @Override
    public String cancel(CancelRequest request) {
        return current.cancel(request);
    }

    @Override
    public void validateCancel(CancelRequest request) {
        current.validateCancel(request);
    }

    @Override
    public void cancelAsync(CancelRequest request) {
        current.cancelAsync(request);
    }

    @Override
    public void intent(IntentEvent event) {
        current.intent(event);
    }

    @Override
    public String intentUpdate(IntentEvent event) {
        return current.intentUpdate(event);
    }

    @Override
    public void validateIntentUpdate(IntentEvent event) {
        current.validateIntentUpdate(event);
    }
}
