package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends events to a run's intent handlers ({@code on signal|update "name"}), with the sender's
 * identity. What the run handles is read from the definition pinned in the first event of its
 * history, so a payload of the wrong type is refused before it reaches the run, worker or not.
 */
public final class IntentClient {

    private final Connection connection;

    public IntentClient(Connection connection) {
        this.connection = connection;
    }

    /** The run's handlers, plan-wide first; empty when the run's plan has none (or cannot be read). */
    public List<IntentHandler> handlers(String runId) {
        GetWorkflowExecutionHistoryRequest request = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(connection.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                .setMaximumPageSize(1)
                .build();
        List<HistoryEvent> first = Rpc.call(connection, runId,
                () -> connection.stubs().blockingStub().getWorkflowExecutionHistory(request)).getHistory().getEventsList();
        List<IntentHandler> out = new ArrayList<>();
        if (first.isEmpty() || first.get(0).getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
            return out;
        }
        RunRequest start = Payloads.read(first.get(0).getWorkflowExecutionStartedEventAttributes().getInput(), 0,
                RunRequest.class);
        if (start == null || start.definition() == null || start.definition().canonicalJson() == null) {
            return out;
        }
        ParseResult plan = JsonPlanCodec.decode(start.definition().name() + ".json", start.definition().canonicalJson());
        if (plan.definition() == null) {
            return out;
        }
        out.addAll(plan.definition().handlers());
        StepPaths.walk(plan.definition().steps(), "", (path, step) -> {
            if (step instanceof Step.HandleStep s) {
                out.add(s.handler());
            }
        });
        return out;
    }

    /** The first handler of that event, or null. */
    public static IntentHandler find(List<IntentHandler> handlers, String event) {
        for (IntentHandler h : handlers) {
            if (h.event().equals(event)) {
                return h;
            }
        }
        return null;
    }

    /** A fire-and-forget event for an {@code on signal} handler. */
    public void signal(String runId, String name, JsonNode payload) {
        signal(runId, name, payload, Connection.identity());
    }

    /** As {@link #signal(String, String, JsonNode)}, naming the sender (the console's signed-in user). */
    public void signal(String runId, String name, JsonNode payload, String sender) {
        requireRunning(runId);
        Rpc.run(connection, runId, () -> stub(runId).signal(InterpreterWorkflow.INTENT,
                new IntentEvent(name, payload, sender)));
    }

    /**
     * An event for an {@code on update} handler; returns the run's answer.
     *
     * @throws RefusedException with the run's reason when it refuses the event
     */
    public String update(String runId, String name, JsonNode payload) {
        requireRunning(runId);
        try {
            return Rpc.call(connection, runId, () -> stub(runId).update(InterpreterWorkflow.INTENT_UPDATE, String.class,
                    new IntentEvent(name, payload, Connection.identity())));
        } catch (WorkflowUpdateException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ApplicationFailure a) {
                    throw new RefusedException(a.getOriginalMessage());
                }
            }
            throw new RefusedException(e.getMessage());
        }
    }

    private void requireRunning(String runId) {
        RunDescription d = new RunClient(connection).describe(runId);
        if (!d.isRunning()) {
            throw new RefusedException("run " + runId + " has already ended (" + d.execution() + ")");
        }
    }

    private WorkflowStub stub(String runId) {
        return connection.client().newUntypedWorkflowStub(runId, Optional.empty(), Optional.empty());
    }
}
