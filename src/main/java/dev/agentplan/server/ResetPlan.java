package dev.agentplan.server;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.ResolveActivity;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where {@code agentplan reset RUN --to STEP} would take a run, and what would happen again: the
 * workflow task that scheduled the step's first tool call is the reset point (Temporal redoes that
 * task, so the step and everything after it run again with the same pinned definition), and every
 * tool call recorded after it is listed with the chance that its effect repeats.
 *
 * <p>Derived idempotency keys survive a reset (they are built from the workflow id and the first
 * run id, which the reset run keeps), so a rerun call sends the key it sent before: a receiver that
 * deduplicates by key applies it once; {@code exec} and receivers that ignore keys do it again.
 *
 * @param runId the workflow id
 * @param segmentRunId the Temporal run id of the segment (continue-as-new part) holding the reset point;
 *     empty for the current one
 * @param segment 0-based index of that segment in the run's chain
 * @param step the step path the run goes back to
 * @param line its {@code file:line}, or null
 * @param resetEventId the WorkflowTaskCompleted event the reset points at
 * @param calls every tool call recorded from the reset point on, in history order
 * @param humanEvents approvals, cancels and signals recorded after the reset point: not reapplied
 *     unless asked, so people decide again
 */
public record ResetPlan(String runId, String segmentRunId, int segment, String step, String line,
                        long resetEventId, List<RerunCall> calls, List<String> humanEvents) {

    /** How likely a rerun call is to repeat its effect. */
    public enum Risk {
        /** a read: nothing to repeat */
        NONE,
        /** declared idempotent: repeating is harmless */
        IDEMPOTENT,
        /** a write or irreversible call that sends the same idempotency key: repeats unless the receiver dedupes */
        UNLESS_DEDUPED,
        /** a write or irreversible call to a tool that ignores keys ({@code exec}): repeats */
        REPEATS
    }

    /** A tool call that would run again. */
    public record RerunCall(long eventId, int segment, String step, String line, String tool, String kind,
                            String idempotencyKey, boolean explicitKey, Effect effect, Risk risk) {
    }

    /**
     * @param chain the run's histories, oldest first
     * @param to a step path ({@code 7}, {@code 4/lane:quick/1}) or a plan line ({@code 48} or {@code file.agent:48})
     * @throws IllegalArgumentException with a user-facing message when the step cannot be a reset point
     */
    public static ResetPlan of(String runId, List<WorkflowExecutionHistory> chain, String to) {
        if (chain.isEmpty() || chain.get(0).getEvents().isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no history to reset");
        }
        PinnedDefinition pinned = pinnedOf(chain.get(0));
        AgentDefinition plan = planOf(pinned);
        Map<String, Step> steps = plan == null ? Map.of() : StepPaths.index(plan.steps());
        String step = stepOf(to, pinned, steps);
        for (int s = 0; s < chain.size(); s++) {
            for (HistoryEvent e : chain.get(s).getEvents()) {
                ToolCallRequest call = toolCall(e);
                if (call != null && within(call.stepPath(), step)) {
                    long reset = e.getActivityTaskScheduledEventAttributes().getWorkflowTaskCompletedEventId();
                    return build(runId, chain, s, step, line(pinned, step), reset, plan, steps);
                }
            }
        }
        throw new IllegalArgumentException("step " + step + " of run " + runId + " made no tool call yet, so there is "
                + "no recorded point to reset to: pick a step that called a tool (agentplan history " + runId + ")");
    }

    private static ResetPlan build(String runId, List<WorkflowExecutionHistory> chain, int segment, String step,
                                   String line, long resetEventId, AgentDefinition plan, Map<String, Step> steps) {
        List<RerunCall> calls = new ArrayList<>();
        List<String> human = new ArrayList<>();
        for (int s = segment; s < chain.size(); s++) {
            for (HistoryEvent e : chain.get(s).getEvents()) {
                if (s == segment && e.getEventId() <= resetEventId) {
                    continue;
                }
                ToolCallRequest call = toolCall(e);
                if (call != null) {
                    calls.add(rerun(e.getEventId(), s, call, plan, steps));
                }
                String h = humanEvent(e);
                if (h != null) {
                    human.add(h);
                }
            }
        }
        // the latest segment is the current run (an empty run id means that to the server); an earlier
        // one is named by the continue-as-new that followed it
        String segmentRunId = segment == chain.size() - 1 ? ""
                : chain.get(segment + 1).getEvents().get(0).getWorkflowExecutionStartedEventAttributes()
                        .getContinuedExecutionRunId();
        return new ResetPlan(runId, segmentRunId, segment, step, line, resetEventId, List.copyOf(calls), List.copyOf(human));
    }

    private static RerunCall rerun(long eventId, int segment, ToolCallRequest call, AgentDefinition plan,
                                   Map<String, Step> steps) {
        ToolDecl decl = plan == null ? null : plan.tool(call.tool());
        ToolPolicy policy = decl == null ? ToolPolicy.EMPTY : plan.effectivePolicy(decl);
        Effect effect = policy.effect() != null ? policy.effect()
                : "exec".equals(call.kind()) ? Effect.WRITE : Effect.READ;
        boolean explicitKey = steps.get(call.stepPath()) instanceof Step.CallStep c && c.idempotencyKey() != null;
        Risk risk;
        if (effect == Effect.READ) {
            risk = Risk.NONE;
        } else if (Boolean.TRUE.equals(policy.idempotent())) {
            risk = Risk.IDEMPOTENT;
        } else if ("exec".equals(call.kind())) {
            risk = Risk.REPEATS;
        } else {
            risk = Risk.UNLESS_DEDUPED;
        }
        return new RerunCall(eventId, segment, call.stepPath(), call.sourceLine(), call.tool(), call.kind(),
                call.idempotencyKey(), explicitKey, effect, risk);
    }

    /** A decision, cancel or plan signal, described for the "not reapplied" list, or null. */
    private static String humanEvent(HistoryEvent e) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
            var a = e.getWorkflowExecutionSignaledEventAttributes();
            String by = a.getIdentity().isEmpty() ? "" : " from " + a.getIdentity();
            if (a.getSignalName().equals(InterpreterWorkflow.DECIDE_SIGNAL)) {
                GateDecision d = Payloads.read(a.getInput(), 0, GateDecision.class);
                return "event " + e.getEventId() + ": " + decision(d) + by;
            }
            if (a.getSignalName().equals(InterpreterWorkflow.CANCEL_SIGNAL)) {
                return "event " + e.getEventId() + ": cancel" + by;
            }
            String name = Payloads.read(a.getInput(), 0, String.class);
            return "event " + e.getEventId() + ": signal " + (name == null ? a.getSignalName() : "\"" + name + "\"") + by;
        }
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
            var a = e.getWorkflowExecutionUpdateAcceptedEventAttributes();
            var input = a.getAcceptedRequest().getInput();
            String by = a.getAcceptedRequest().getMeta().getIdentity();
            by = by.isEmpty() ? "" : " from " + by;
            if (input.getName().equals(InterpreterWorkflow.DECIDE)) {
                return "event " + e.getEventId() + ": " + decision(Payloads.read(input.getArgs(), 0, GateDecision.class)) + by;
            }
            return "event " + e.getEventId() + ": update " + input.getName() + by;
        }
        return null;
    }

    private static String decision(GateDecision d) {
        if (d == null) {
            return "an approval decision";
        }
        return (d.approved() ? "approval of " : "rejection of ") + d.gate() + (d.approver() == null ? "" : " by " + d.approver());
    }

    private static ToolCallRequest toolCall(HistoryEvent e) {
        if (e.getEventType() != EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
            return null;
        }
        var a = e.getActivityTaskScheduledEventAttributes();
        if (a.getActivityType().getName().equals(ResolveActivity.TYPE)) {
            return null;
        }
        ToolCallRequest call = Payloads.read(a.getInput(), 0, ToolCallRequest.class);
        return call == null || call.stepPath() == null ? null : call;
    }

    /** The path itself or one of the steps nested in it. */
    private static boolean within(String path, String step) {
        return path.equals(step) || path.startsWith(step + "/");
    }

    private static String stepOf(String to, PinnedDefinition pinned, Map<String, Step> steps) {
        String wanted = to == null ? "" : to.strip();
        if (steps.containsKey(wanted)) {
            return wanted;
        }
        String lineNumber = wanted.contains(":") ? wanted.substring(wanted.lastIndexOf(':') + 1) : wanted;
        if (pinned != null && lineNumber.matches("[0-9]+")) {
            for (Map.Entry<String, String> e : pinned.sourceLines().entrySet()) { // path order: the outermost step first
                String l = e.getValue();
                if (l != null && l.endsWith(":" + lineNumber)) {
                    return e.getKey();
                }
            }
        }
        throw new IllegalArgumentException("the plan has no step " + wanted + ": give a step path as status and "
                + "history print it (like 7 or 4/lane:quick/1) or a line of the plan (like "
                + (pinned == null || pinned.sourceFile() == null ? "plan.agent" : pinned.sourceFile()) + ":48)");
    }

    private static String line(PinnedDefinition pinned, String step) {
        return pinned == null ? null : pinned.sourceLines().get(step);
    }

    private static PinnedDefinition pinnedOf(WorkflowExecutionHistory history) {
        HistoryEvent first = history.getEvents().get(0);
        if (!first.hasWorkflowExecutionStartedEventAttributes()) {
            return null;
        }
        RunRequest request = Payloads.read(first.getWorkflowExecutionStartedEventAttributes().getInput(), 0, RunRequest.class);
        return request == null ? null : request.definition();
    }

    private static AgentDefinition planOf(PinnedDefinition pinned) {
        if (pinned == null || pinned.canonicalJson() == null) {
            return null;
        }
        try {
            ParseResult read = JsonPlanCodec.decode(pinned.name() + ".json", pinned.canonicalJson());
            return read.hasErrors() ? null : read.definition();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
