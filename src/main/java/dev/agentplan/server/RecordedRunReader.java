package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.ResolveActivity;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link RecordedRun} from a run's event histories (oldest segment first): the inputs
 * from the first start event, each tool call from its activity events (request from the scheduled
 * event, answer from the completed or failed one), decisions and signals from signal and update
 * events with the time they arrived and how many calls had ended by then.
 */
public final class RecordedRunReader {

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Call> bySchedule = new HashMap<>();
    private final List<RecordedRun.Human> humans = new ArrayList<>();
    /** Decisions and intents sent as updates: kept once the update completed without a refusal. */
    private final Map<String, RecordedRun.Human> pendingUpdates = new LinkedHashMap<>();
    private final List<String> unsupported = new ArrayList<>();
    private long startMillis = -1;
    private long lastTaskCompletedMillis;
    private int callsEnded;
    private RunRequest request;
    private boolean firstSegment = true;
    private String status = "RUNNING";
    private JsonNode output;
    private dev.agentplan.runtime.api.ErrorInfo error;

    /** A call as it is read: its answer arrives with a later event. */
    private static final class Call {
        int seq;
        ToolCallRequest request;
        JsonNode result;
        BigDecimal cost = BigDecimal.ZERO;
        RecordedRun.Failure failure;
        int attempts = 1;
        String missing = "it had not ended when the history was recorded";

        RecordedRun.Call build() {
            return new RecordedRun.Call(seq, request.tool(), request.kind(), request.stepPath(), request.sourceLine(),
                    request.arguments(), result, cost, failure, attempts, missing);
        }
    }

    private RecordedRunReader() {
    }

    public static RecordedRun read(String runId, List<WorkflowExecutionHistory> chain) {
        RecordedRunReader r = new RecordedRunReader();
        for (int i = 0; i < chain.size(); i++) {
            for (HistoryEvent e : chain.get(i).getEvents()) {
                r.event(e, i);
            }
        }
        var pinned = r.request == null ? null : r.request.definition();
        return new RecordedRun(runId, pinned == null ? null : pinned.name(), pinned == null ? 0 : pinned.version(),
                pinned == null ? null : pinned.sourceFile(), r.request == null ? null : r.request.inputs(), r.status,
                r.output, r.error, r.calls.stream().map(Call::build).toList(), List.copyOf(r.humans),
                List.copyOf(r.unsupported), r.firstSegment);
    }

    private void event(HistoryEvent e, int segment) {
        long at = millis(e.getEventTime());
        switch (e.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                var a = e.getWorkflowExecutionStartedEventAttributes();
                if (segment == 0) {
                    startMillis = at;
                    request = Payloads.read(a.getInput(), 0, RunRequest.class);
                    firstSegment = a.getContinuedExecutionRunId().isEmpty();
                }
            }
            case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> lastTaskCompletedMillis = at;
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                var a = e.getActivityTaskScheduledEventAttributes();
                if (a.getActivityType().getName().equals(ResolveActivity.TYPE)) {
                    return;
                }
                ToolCallRequest req = Payloads.read(a.getInput(), 0, ToolCallRequest.class);
                if (req != null) {
                    Call c = new Call();
                    c.seq = calls.size() + 1;
                    c.request = req;
                    calls.add(c);
                    bySchedule.put(segment + "/" + e.getEventId(), c);
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                Call c = bySchedule.get(segment + "/" + e.getActivityTaskStartedEventAttributes().getScheduledEventId());
                if (c != null) {
                    c.attempts = e.getActivityTaskStartedEventAttributes().getAttempt();
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                var a = e.getActivityTaskCompletedEventAttributes();
                Call c = bySchedule.get(segment + "/" + a.getScheduledEventId());
                if (c != null) {
                    ToolCallResult result = Payloads.read(a.getResult(), 0, ToolCallResult.class);
                    c.result = result == null ? Payloads.json(a.getResult(), 0) : result.value();
                    c.cost = result == null || result.cost() == null ? BigDecimal.ZERO : result.cost();
                    c.missing = null;
                    callsEnded++;
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> failed(segment, e.getActivityTaskFailedEventAttributes().getScheduledEventId(),
                    e.getActivityTaskFailedEventAttributes().getFailure());
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> failed(segment,
                    e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(),
                    e.getActivityTaskTimedOutEventAttributes().getFailure());
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
                Call c = bySchedule.get(segment + "/" + e.getActivityTaskCanceledEventAttributes().getScheduledEventId());
                if (c != null) {
                    c.missing = "it was cancelled before it answered";
                    callsEnded++;
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signaled(e, at);
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
                var req = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
                String name = req.getInput().getName();
                RecordedRun.Human h = null;
                if (name.equals(InterpreterWorkflow.DECIDE)) {
                    h = decision(Payloads.read(req.getInput().getArgs(), 0, GateDecision.class), at);
                } else if (name.equals(InterpreterWorkflow.INTENT_UPDATE)) {
                    IntentEvent ev = Payloads.read(req.getInput().getArgs(), 0, IntentEvent.class);
                    h = ev == null ? null : human(RecordedRun.HumanKind.UPDATE, ev.name(), ev.payload(), at);
                } else if (name.equals(InterpreterWorkflow.CANCEL)) {
                    unsupported.add("it was cancelled (regress does not replay a cancel)");
                }
                if (h != null) {
                    pendingUpdates.put(req.getMeta().getUpdateId(), h);
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
                var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
                RecordedRun.Human h = pendingUpdates.remove(a.getMeta().getUpdateId());
                if (h != null && !a.getOutcome().hasFailure()) {
                    humans.add(h);
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
                    unsupported.add("it was cancelled (regress does not replay a cancel)");
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
                    unsupported.add("it started a child run (regress does not re-run child runs)");
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                RunResult result = Payloads.read(e.getWorkflowExecutionCompletedEventAttributes().getResult(), 0, RunResult.class);
                status = result == null ? "COMPLETED" : result.status().name();
                output = result == null ? null : result.output();
                error = result == null ? null : result.error();
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
                // the run goes on in the next segment
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> status = "FAILED";
            case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> status = "TERMINATED";
            case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> status = "TIMED_OUT";
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> status = "CANCELLED";
            default -> {
                // timers and markers: the candidate makes its own
            }
        }
    }

    private void failed(int segment, long scheduledId, Failure f) {
        Call c = bySchedule.get(segment + "/" + scheduledId);
        if (c == null) {
            return;
        }
        Failure cause = f;
        while (!cause.hasApplicationFailureInfo() && !cause.hasTimeoutFailureInfo() && cause.hasCause()) {
            cause = cause.getCause();
        }
        if (cause.hasApplicationFailureInfo()) {
            var info = cause.getApplicationFailureInfo();
            JsonNode details = info.hasDetails() && info.getDetails().getPayloadsCount() > 0
                    ? Payloads.read(info.getDetails(), 0, JsonNode.class) : null;
            c.failure = new RecordedRun.Failure(info.getType(), cause.getMessage(), info.getNonRetryable(), details);
        } else {
            c.failure = new RecordedRun.Failure("Timeout", HistoryReader.failure(f), false, null);
        }
        c.missing = null;
        callsEnded++;
    }

    private void signaled(HistoryEvent e, long at) {
        var a = e.getWorkflowExecutionSignaledEventAttributes();
        String name = a.getSignalName();
        RecordedRun.Human h = null;
        if (name.equals(InterpreterWorkflow.DECIDE_SIGNAL)) {
            h = decision(Payloads.read(a.getInput(), 0, GateDecision.class), at);
        } else if (name.equals(InterpreterWorkflow.INTENT)) {
            IntentEvent ev = Payloads.read(a.getInput(), 0, IntentEvent.class);
            h = ev == null ? null : human(RecordedRun.HumanKind.SIGNAL, ev.name(), ev.payload(), at);
        } else if (name.equals(InterpreterWorkflow.SIGNAL)) {
            String signal = Payloads.read(a.getInput(), 0, String.class);
            h = signal == null ? null : human(RecordedRun.HumanKind.SIGNAL, signal, Payloads.json(a.getInput(), 1), at);
        } else if (name.equals(InterpreterWorkflow.CANCEL_SIGNAL)) {
            unsupported.add("it was cancelled (regress does not replay a cancel)");
        }
        if (h != null) {
            humans.add(h);
        }
    }

    private RecordedRun.Human decision(GateDecision d, long at) {
        if (d == null) {
            return null;
        }
        return new RecordedRun.Human(RecordedRun.HumanKind.DECISION, d.gate(), null, d.approved(), d.approver(),
                d.comment(), at - startMillis, Math.max(0, at - lastTaskCompletedMillis), callsEnded);
    }

    private RecordedRun.Human human(RecordedRun.HumanKind kind, String name, JsonNode payload, long at) {
        return new RecordedRun.Human(kind, name, payload, false, null, null, at - startMillis, 0, callsEnded);
    }

    private static long millis(Timestamp t) {
        return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
    }
}
