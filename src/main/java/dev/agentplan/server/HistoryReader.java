package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.IdempotencyKeys;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.ResolveActivity;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a run's {@link AuditTrail} from its event history: the pinned definition and inputs from
 * the first event's input, each tool call from its activity events (arguments and source line
 * from the activity input, attempts and the last failure from the started event, the result from
 * the completed event), decisions and cancellations from update and signal events, timers, child
 * runs, and the ending. A timer's purpose comes from its summary (the event's user metadata, see
 * {@code CommandSummaries}); timers of runs from before summaries get a guess from their length.
 */
public final class HistoryReader {

    private final List<AuditEntry.Builder> entries = new ArrayList<>();
    private final Map<Long, AuditEntry.Builder> activities = new HashMap<>();
    private final Map<String, AuditEntry.Builder> timers = new HashMap<>();
    private final Map<Long, AuditEntry.Builder> children = new HashMap<>();
    private final Map<String, AuditEntry.Builder> updates = new HashMap<>();
    /** The undo key of every call made so far (a call with that key is its compensation). */
    private final Map<String, AuditEntry.Builder> undoKeys = new HashMap<>();
    private final List<AuditEntry.Builder> compensations = new ArrayList<>();
    private final java.util.Set<String> decidedGates = new java.util.HashSet<>();
    /** What went wrong last, and the last cancel: what a compensation that follows was for. */
    private String lastFailure;
    private String lastCancel;

    private PinnedDefinition pinned;
    private PinnedPlan plan = PinnedPlan.of(null);
    private boolean timerSeen;
    private JsonNode inputs;
    private String startedAt;
    private String endedAt;
    private String status = "RUNNING";
    private JsonNode output;
    private dev.agentplan.runtime.api.ErrorInfo error;

    private HistoryReader() {
    }

    /** @param chain the run's histories, oldest first (one per continue-as-new segment) */
    public static AuditTrail read(String runId, List<WorkflowExecutionHistory> chain) {
        HistoryReader r = new HistoryReader();
        for (int i = 0; i < chain.size(); i++) {
            for (HistoryEvent e : chain.get(i).getEvents()) {
                r.event(e, i);
            }
        }
        List<AuditEntry> events = new ArrayList<>();
        if (r.endedAt != null) {
            r.timers.values().stream().filter(b -> b.outcome == null).forEach(b -> b.outcome = "never fired");
        }
        r.refineTriggers();
        r.entries.forEach(b -> events.add(b.build()));
        PinnedDefinition p = r.pinned;
        return new AuditTrail(runId, p == null ? null : p.name(), p == null ? 0 : p.version(),
                p == null ? null : p.sha256(), p == null ? null : p.sourceFile(), r.inputs, r.startedAt, r.endedAt,
                r.status, r.output, r.error, chain.size(), List.copyOf(events));
    }

    private void event(HistoryEvent e, int segment) {
        String at = time(e.getEventTime());
        long id = e.getEventId();
        switch (e.getEventType()) {
            case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> started(e, at, segment);
            case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> scheduled(e, at, id);
            case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                var a = e.getActivityTaskStartedEventAttributes();
                AuditEntry.Builder b = activities.get(a.getScheduledEventId());
                if (b != null) {
                    b.attempts = a.getAttempt();
                    if (a.hasLastFailure()) {
                        b.lastFailure = failure(a.getLastFailure());
                    }
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                var a = e.getActivityTaskCompletedEventAttributes();
                AuditEntry.Builder b = activities.get(a.getScheduledEventId());
                if (b != null) {
                    b.endedAt = at;
                    b.outcome = "ok";
                    if (b.comment != null && b.comment.startsWith("cancellation requested")) {
                        // the run had moved on (a lost parallel-first lane, a cancel): the step was
                        // cancelled, as the run's status says; the call itself finished anyway
                        b.outcome = "cancelled";
                        b.comment = b.comment + "; the call completed anyway and its result was not used";
                    }
                    if (b.type.equals("tool")) {
                        ToolCallResult result = Payloads.read(a.getResult(), 0, ToolCallResult.class);
                        b.result = result == null ? Payloads.json(a.getResult(), 0) : result.value();
                        if (result != null && result.attempt() > 0) {
                            b.attempts = result.attempt();
                        }
                    } else {
                        PinnedDefinition found = Payloads.read(a.getResult(), 0, PinnedDefinition.class);
                        b.detail = found == null ? null : "found " + found.name() + "@" + found.version();
                    }
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                var a = e.getActivityTaskFailedEventAttributes();
                closeActivity(a.getScheduledEventId(), at, "failed: " + failure(a.getFailure()));
            }
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
                var a = e.getActivityTaskTimedOutEventAttributes();
                closeActivity(a.getScheduledEventId(), at, "timed out: " + failure(a.getFailure()));
            }
            case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> {
                AuditEntry.Builder b = activities.get(e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId());
                if (b != null) {
                    b.comment = "cancellation requested at " + at;
                }
            }
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
                    closeActivity(e.getActivityTaskCanceledEventAttributes().getScheduledEventId(), at, "cancelled");
            case EVENT_TYPE_TIMER_STARTED -> {
                var a = e.getTimerStartedEventAttributes();
                AuditEntry.Builder b = add("timer", at, id);
                var d = a.getStartToFireTimeout();
                java.time.Duration length = java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
                b.detail = length.toString();
                // The timer's own summary says what it is for (runs since summaries); older timers have
                // none, and their purpose is guessed from their length
                String summary = e.hasUserMetadata() && e.getUserMetadata().hasSummary()
                        ? Payloads.text(e.getUserMetadata().getSummary()) : null;
                PinnedPlan.TimerPurpose told = plan.timerPurpose(summary);
                if (told != null) {
                    b.name = told.purpose();
                    b.step = told.step();
                    b.line = told.step() == null ? null : lineOf(told.step());
                } else {
                    b.name = plan.timerPurpose(length, !timerSeen);
                }
                timerSeen = true;
                timers.put(segment + "/" + a.getTimerId(), b);
            }
            case EVENT_TYPE_TIMER_FIRED -> {
                AuditEntry.Builder t = closeTimer(segment + "/" + e.getTimerFiredEventAttributes().getTimerId(), at, "fired");
                if (t != null) {
                    timedOut(t, at, id);
                }
            }
            case EVENT_TYPE_TIMER_CANCELED -> closeTimer(segment + "/" + e.getTimerCanceledEventAttributes().getTimerId(), at, "cancelled");
            case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> signaled(e, at, id);
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> updateAccepted(e, at, id);
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
                var a = e.getWorkflowExecutionUpdateCompletedEventAttributes();
                AuditEntry.Builder b = updates.get(a.getMeta().getUpdateId());
                if (b != null && a.getOutcome().hasFailure()) {
                    b.outcome = "refused: " + a.getOutcome().getFailure().getMessage();
                } else if (b != null && b.type.equals("approval") && b.name != null) {
                    decidedGates.add(b.name);
                }
            }
            case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
                var a = e.getWorkflowTaskFailedEventAttributes();
                if (a.getCause() == io.temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW) {
                    // the first event of a reset run's own part: who reset, to which step and why (RunResets' reason)
                    AuditEntry.Builder b = add("reset", at, id);
                    String reason = a.getFailure().getMessage();
                    b.comment = reason.startsWith(RunResets.REASON_PREFIX + " ")
                            ? reason.substring("agentplan ".length()) : "reset: " + reason;
                    b.detail = "from Temporal run " + a.getBaseRunId();
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> {
                var a = e.getWorkflowExecutionCancelRequestedEventAttributes();
                AuditEntry.Builder b = add("cancel_request", at, id);
                b.who = a.getIdentity();
                b.comment = a.getCause();
                lastCancel = "the cancel requested through Temporal by " + a.getIdentity();
            }
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
                var a = e.getStartChildWorkflowExecutionInitiatedEventAttributes();
                AuditEntry.Builder b = add("child", at, id);
                RunRequest child = Payloads.read(a.getInput(), 0, RunRequest.class);
                if (child != null && child.definition() != null) {
                    b.name = child.definition().name() + "@" + child.definition().version();
                    b.arguments = child.inputs();
                }
                b.detail = a.getWorkflowId();
                children.put(id, b);
            }
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> closeChild(
                    e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at,
                    "not started: " + e.getStartChildWorkflowExecutionFailedEventAttributes().getCause().name());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
                var a = e.getChildWorkflowExecutionCompletedEventAttributes();
                RunResult result = Payloads.read(a.getResult(), 0, RunResult.class);
                AuditEntry.Builder b = closeChild(a.getInitiatedEventId(), at,
                        result == null ? "completed" : result.status().name().toLowerCase());
                if (b != null && result != null) {
                    b.result = result.output();
                }
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> closeChild(
                    e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), at,
                    "failed: " + failure(e.getChildWorkflowExecutionFailedEventAttributes().getFailure()));
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> closeChild(
                    e.getChildWorkflowExecutionCanceledEventAttributes().getInitiatedEventId(), at, "cancelled");
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> closeChild(
                    e.getChildWorkflowExecutionTerminatedEventAttributes().getInitiatedEventId(), at, "terminated");
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> closeChild(
                    e.getChildWorkflowExecutionTimedOutEventAttributes().getInitiatedEventId(), at, "timed out");
            case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                endedAt = at;
                RunResult result = Payloads.read(e.getWorkflowExecutionCompletedEventAttributes().getResult(), 0, RunResult.class);
                if (result != null) {
                    status = result.status().name();
                    output = result.output();
                    error = result.error();
                } else {
                    status = "COMPLETED";
                }
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                endedAt = at;
                status = "FAILED";
                error = new dev.agentplan.runtime.api.ErrorInfo("WorkflowFailed",
                        failure(e.getWorkflowExecutionFailedEventAttributes().getFailure()), "", "", null);
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
                endedAt = at;
                status = "TERMINATED";
                var a = e.getWorkflowExecutionTerminatedEventAttributes();
                error = new dev.agentplan.runtime.api.ErrorInfo("Terminated", "terminated by " + a.getIdentity()
                        + (a.getReason().isEmpty() ? "" : ": " + a.getReason()), "", "", null);
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
                endedAt = at;
                status = "TIMED_OUT";
            }
            case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
                endedAt = at;
                status = "CANCELLED";
            }
            default -> {
                // workflow tasks, markers and the like say nothing a person audits
            }
        }
    }

    private void started(HistoryEvent e, String at, int segment) {
        var a = e.getWorkflowExecutionStartedEventAttributes();
        RunRequest request = Payloads.read(a.getInput(), 0, RunRequest.class);
        if (segment == 0) {
            startedAt = at;
            if (request != null) {
                pinned = request.definition();
                plan = PinnedPlan.of(pinned);
                inputs = request.inputs();
            }
        } else {
            AuditEntry.Builder b = add("segment", at, e.getEventId());
            b.detail = "continued as new: segment " + (segment + 1);
            if (pinned == null && request != null) {
                pinned = request.definition();
                plan = PinnedPlan.of(pinned);
            }
        }
    }

    private void scheduled(HistoryEvent e, String at, long id) {
        var a = e.getActivityTaskScheduledEventAttributes();
        String type = a.getActivityType().getName();
        AuditEntry.Builder b;
        if (type.equals(ResolveActivity.TYPE)) {
            b = add("resolve", at, id);
            String agent = Payloads.read(a.getInput(), 0, String.class);
            String ref = Payloads.read(a.getInput(), 1, String.class);
            b.name = agent + (ref == null ? "" : "@" + ref);
        } else {
            b = add("tool", at, id);
            b.kind = type;
            ToolCallRequest request = Payloads.read(a.getInput(), 0, ToolCallRequest.class);
            if (request != null) {
                b.tool = request.tool();
                b.step = request.stepPath();
                b.line = request.sourceLine() == null || request.sourceLine().isEmpty()
                        ? lineOf(request.stepPath()) : request.sourceLine();
                b.arguments = request.arguments();
                b.detail = request.idempotencyKey() == null ? null : "idempotency key " + request.idempotencyKey();
                AuditEntry.Builder undone = request.idempotencyKey() == null ? null : undoKeys.get(request.idempotencyKey());
                if (undone != null) {
                    b.compensates = undone.eventId;
                    b.trigger = lastCancel != null ? lastCancel : lastFailure != null ? lastFailure : "the run's end";
                    compensations.add(b);
                } else if (request.idempotencyKey() != null) {
                    undoKeys.put(IdempotencyKeys.undo(request.idempotencyKey()), b);
                }
            } else {
                b.arguments = Payloads.json(a.getInput(), 0);
            }
        }
        activities.put(id, b);
    }

    private void signaled(HistoryEvent e, String at, long id) {
        var a = e.getWorkflowExecutionSignaledEventAttributes();
        String name = a.getSignalName();
        AuditEntry.Builder b;
        if (name.equals(InterpreterWorkflow.DECIDE_SIGNAL)) {
            GateDecision d = Payloads.read(a.getInput(), 0, GateDecision.class);
            String refused = refusedSignalDecision(d);
            b = decision(d, at, id, "signal");
            if (refused != null) {
                b.outcome = "refused: " + refused;
            } else if (d != null) {
                decidedGates.add(d.gate());
            }
        } else if (name.equals(InterpreterWorkflow.CANCEL_SIGNAL)) {
            b = cancel(Payloads.read(a.getInput(), 0, CancelRequest.class), at, id, "signal");
        } else if (name.equals(InterpreterWorkflow.INTENT)) {
            b = intent(Payloads.read(a.getInput(), 0, IntentEvent.class), Payloads.json(a.getInput(), 0), at, id,
                    "signal");
        } else if (name.equals(InterpreterWorkflow.SIGNAL)) {
            b = add("signal", at, id);
            b.name = Payloads.read(a.getInput(), 0, String.class);
            b.payload = Payloads.json(a.getInput(), 1);
            if (b.name != null && !plan.awaitsSignal(b.name)) {
                b.outcome = "ignored: no step of this plan waits for signal '" + b.name + "'";
            }
        } else {
            b = add("signal", at, id);
            b.name = name;
            b.payload = Payloads.json(a.getInput(), 0);
            b.detail = "not an agentplan signal";
        }
        b.detail = via(b.detail, a.getIdentity());
    }

    /**
     * Why a decision sent as a signal was not taken, as far as the history tells: the run checks
     * the same, and records what it ignored in its status.
     */
    private String refusedSignalDecision(GateDecision d) {
        if (d == null || d.gate() == null || d.approver() == null || d.approver().isBlank()) {
            return "a decision must name a gate and who decides";
        }
        if (decidedGates.contains(d.gate())) {
            return "approval gate '" + d.gate() + "' was already decided";
        }
        List<String> allowed = plan.approversOf(d.gate());
        if (allowed != null && !allowed.isEmpty() && !allowed.contains(d.approver())) {
            return "'" + d.approver() + "' may not decide approval gate '" + d.gate() + "' (allowed: "
                    + String.join(", ", allowed) + ")";
        }
        return null;
    }

    private void updateAccepted(HistoryEvent e, String at, long id) {
        var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
        var request = a.getAcceptedRequest();
        String name = request.getInput().getName();
        AuditEntry.Builder b;
        if (name.equals(InterpreterWorkflow.DECIDE)) {
            b = decision(Payloads.read(request.getInput().getArgs(), 0, GateDecision.class), at, id, "update");
        } else if (name.equals(InterpreterWorkflow.CANCEL)) {
            b = cancel(Payloads.read(request.getInput().getArgs(), 0, CancelRequest.class), at, id, "update");
        } else if (name.equals(InterpreterWorkflow.INTENT_UPDATE)) {
            b = intent(Payloads.read(request.getInput().getArgs(), 0, IntentEvent.class),
                    Payloads.json(request.getInput().getArgs(), 0), at, id, "update");
        } else {
            b = add("update", at, id);
            b.name = name;
        }
        b.detail = via(b.detail, request.getMeta().getIdentity());
        updates.put(request.getMeta().getUpdateId(), b);
    }

    private AuditEntry.Builder decision(GateDecision d, String at, long id, String via) {
        AuditEntry.Builder b = add("approval", at, id);
        b.detail = via;
        if (d != null) {
            b.name = d.gate();
            b.step = plan.approvalStep(d.gate());
            b.line = plan.lineOf(b.step);
            b.outcome = d.approved() ? "approved" : "rejected";
            b.who = d.approver();
            b.comment = d.comment();
        }
        return b;
    }

    /** An event for an intent handler: its name, payload and the sender it names (the client identity follows). */
    private AuditEntry.Builder intent(IntentEvent event, JsonNode raw, String at, long id, String via) {
        AuditEntry.Builder b = add("intent", at, id);
        b.detail = via;
        if (event != null) {
            b.name = event.name();
            b.who = event.by();
            b.payload = raw != null && raw.has("payload") ? raw.get("payload") : null;
        }
        return b;
    }

    private AuditEntry.Builder cancel(CancelRequest c, String at, long id, String via) {
        AuditEntry.Builder b = add("cancel", at, id);
        b.detail = via;
        b.outcome = "requested";
        if (c != null) {
            b.who = c.by();
            b.comment = c.reason();
            lastCancel = "the cancel by " + c.by() + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason());
        }
        return b;
    }

    private void closeActivity(long scheduledId, String at, String outcome) {
        AuditEntry.Builder b = activities.get(scheduledId);
        if (b != null) {
            b.endedAt = at;
            b.outcome = outcome;
            if (!outcome.equals("cancelled") && b.compensates == null) {
                lastFailure = "the failure of " + (b.tool == null ? "a call" : b.tool) + " at step " + b.step
                        + (b.line == null ? "" : " (" + b.line + ")") + ": " + outcome;
            }
        }
    }

    /** Once the run's end is known, a compensation's trigger is what ended it. */
    private void refineTriggers() {
        if (compensations.isEmpty() || error == null) {
            return;
        }
        String why;
        if ("CANCELLED".equals(status)) {
            why = "the cancel: " + error.message();
        } else if ("FAILED".equals(status)) {
            why = "the failure: " + error.type() + ": " + error.message()
                    + (error.step() == null || error.step().isEmpty() ? "" : " at step " + error.step())
                    + (error.line() == null || error.line().isEmpty() ? "" : " (" + error.line() + ")");
        } else {
            return;
        }
        compensations.forEach(b -> b.trigger = why);
    }

    private AuditEntry.Builder closeTimer(String key, String at, String outcome) {
        AuditEntry.Builder b = timers.get(key);
        if (b != null) {
            b.endedAt = at;
            b.outcome = outcome;
        }
        return b;
    }

    /** An approval gate's timeout fired: the timeout decided the gate, as its {@code on_timeout} says. */
    private void timedOut(AuditEntry.Builder timer, String at, long id) {
        Map.Entry<String, dev.agentplan.model.Step.ApproveStep> gate = plan.approvalOfTimer(timer.name, timer.step);
        if (gate == null || decidedGates.contains(gate.getValue().name())) {
            return;
        }
        AuditEntry.Builder b = add("approval", at, id);
        b.name = gate.getValue().name();
        b.step = gate.getKey();
        b.line = plan.lineOf(b.step);
        b.outcome = switch (gate.getValue().onTimeout()) {
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case FAIL -> "timed out";
        };
        b.detail = "its timeout after " + timer.detail + " (on_timeout " + gate.getValue().onTimeout().name().toLowerCase() + ")";
        decidedGates.add(b.name);
    }

    private AuditEntry.Builder closeChild(long initiatedId, String at, String outcome) {
        AuditEntry.Builder b = children.get(initiatedId);
        if (b != null) {
            b.endedAt = at;
            b.outcome = outcome;
        }
        return b;
    }

    private AuditEntry.Builder add(String type, String at, long id) {
        AuditEntry.Builder b = AuditEntry.of(type, at, id);
        entries.add(b);
        return b;
    }

    private static String via(String how, String identity) {
        String from = identity == null || identity.isEmpty() ? "" : "from " + identity;
        return how == null ? from : from.isEmpty() ? how : how + " " + from;
    }

    private String lineOf(String stepPath) {
        return plan.lineOf(stepPath);
    }

    /** {@code Type: message}, the way the tool or the SDK reported it. */
    static String failure(Failure f) {
        String type = f.hasApplicationFailureInfo() ? f.getApplicationFailureInfo().getType()
                : f.hasTimeoutFailureInfo() ? f.getTimeoutFailureInfo().getTimeoutType().name().replace("TIMEOUT_TYPE_", "")
                : "";
        String message = f.getMessage();
        if (f.hasCause() && (message.isEmpty() || f.hasTimeoutFailureInfo() || message.startsWith("Activity task"))) {
            String cause = failure(f.getCause());
            message = message.isEmpty() ? cause : message + " (" + cause + ")";
        }
        return type.isEmpty() ? message : type + ": " + message;
    }

    private static String time(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }
}
