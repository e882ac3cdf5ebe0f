package dev.agentplan.server;

import dev.agentplan.model.DurationText;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.ResolveActivity;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolCallRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a recorded history against the current interpreter: proof that a run in flight would
 * go on exactly as it started, or the event where it would not.
 */
public final class Replays {

    private static final Pattern EVENT_ID = Pattern.compile("(?i)event(?:Id=| id | )(\\d+)");
    /** The SDK's words for the usual case: the recorded event and the command the code issues now differ. */
    private static final Pattern MISMATCH = Pattern.compile(
            "Event (\\d+) of type EVENT_TYPE_(\\w+) does not match command type COMMAND_TYPE_(\\w+)");
    /** The SDK could not apply an event to the run's state: it cannot follow from the events before it. */
    private static final Pattern HANDLING = Pattern.compile(
            "Failure handling event (\\d+) of type '?EVENT_TYPE_(\\w+)'? during replay");
    /** Any other non-determinism report, up to the diagnostics in braces or a stack frame. */
    private static final Pattern NON_DETERMINISM = Pattern.compile(
            "\\[TMPRL1100\\] ([^\\[{\\n]*?)(?= \\{| at [a-z]+\\.|\\[|\\n|$)");

    /** What the SDK calls a history's run when it was read without one. */
    private static final String PLACEHOLDER_ID = "workflow_id_in_replay";

    private Replays() {
    }

    /**
     * Replays one history: first its shape ({@link HistoryIntegrity}), then the commands (the SDK's
     * replayer), then the payloads the interpreter computes against those recorded
     * ({@link ReplayComparison}).
     */
    public static ReplayReport replay(WorkflowExecutionHistory history) {
        HistoryIntegrity.Break broken = HistoryIntegrity.check(history);
        if (broken != null) {
            return new ReplayReport(false, broken.problem(), broken.eventId() == 0 ? null : broken.eventId(),
                    broken.eventId() == 0 ? null : describe(history, broken.eventId()), ReplayReport.Kind.SHAPE);
        }
        ReplayReport report = replayOnce(history);
        // A cold JVM on a busy machine can hold the workflow thread past Temporal's 1 s deadlock
        // detector while it loads classes; that says nothing about determinism, so try once more warm.
        if (!report.deterministic() && report.problem() != null && report.problem().contains("PotentialDeadlock")) {
            report = replayOnce(history);
        }
        return report;
    }

    /**
     * Replays every segment of a run (oldest first), and checks that each segment started with the
     * state the one before it continued with. One report per segment.
     */
    public static List<ReplayReport> replayChain(List<WorkflowExecutionHistory> chain) {
        List<ReplayReport> reports = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ReplayReport r = replay(chain.get(i));
            if (r.deterministic() && i > 0) {
                r = carriedOver(chain.get(i - 1), chain.get(i));
            }
            reports.add(r);
        }
        return reports;
    }

    private static ReplayReport carriedOver(WorkflowExecutionHistory before, WorkflowExecutionHistory after) {
        HistoryEvent last = before.getEvents().get(before.getEvents().size() - 1);
        HistoryEvent start = after.getEvents().get(0);
        if (!last.hasWorkflowExecutionContinuedAsNewEventAttributes()) {
            return new ReplayReport(false, "the segment before this one did not continue as new (it ends with "
                    + typeName(last) + ")", start.getEventId(), describe(after, start.getEventId()), ReplayReport.Kind.SHAPE);
        }
        String diff = ReplayComparison.difference(
                ReplayComparison.tree(last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
                ReplayComparison.tree(start.getWorkflowExecutionStartedEventAttributes().getInput()), "");
        if (diff != null) {
            return new ReplayReport(false, "this segment did not start with the state the one before it continued "
                    + "with: " + diff, start.getEventId(), describe(after, start.getEventId()), ReplayReport.Kind.PAYLOADS);
        }
        return new ReplayReport(true, null, null, null);
    }

    private static ReplayReport replayOnce(WorkflowExecutionHistory history) {
        ReplayRecorder recorder = new ReplayRecorder();
        TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(recorder).build())
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.dataConverter()).build())
                .build();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
            Worker worker = AgentWorker.create(env.getWorkerFactory(),
                    AgentWorker.Config.of("agentplan-replay", true, null, new ToolActivity(), (agent, ref) -> null));
            try {
                // the run's own id, as idempotency keys and child run ids are derived from it
                WorkflowReplayer.replayWorkflowExecution(new WorkflowExecutionHistory(history.getHistory(),
                        workflowIdOf(history)), worker);
            } catch (Exception e) {
                return explain(history, e);
            }
        }
        ReplayComparison.Mismatch m = ReplayComparison.first(history, recorder);
        if (m == null) {
            return new ReplayReport(true, null, null, null);
        }
        String where = describe(history, m.eventId());
        if (where != null && m.step() != null && !where.contains("step " + m.step())) {
            where += " at " + (m.step().startsWith("output") ? m.step() : "step " + m.step())
                    + (m.line() == null ? "" : " (" + m.line() + ")");
        }
        return new ReplayReport(false, m.problem(), m.eventId(), where, ReplayReport.Kind.PAYLOADS);
    }

    /**
     * The run's workflow id: known for a fetched history; an exported one does not carry it, but
     * every tool call's input names its run.
     */
    static String workflowIdOf(WorkflowExecutionHistory history) {
        String id = history.getWorkflowExecution().getWorkflowId();
        if (!id.isEmpty() && !id.equals(PLACEHOLDER_ID)) {
            return id;
        }
        for (HistoryEvent e : history.getEvents()) {
            if (e.hasActivityTaskScheduledEventAttributes()) {
                ToolCallRequest r = Payloads.read(e.getActivityTaskScheduledEventAttributes().getInput(), 0,
                        ToolCallRequest.class);
                if (r != null && r.runId() != null && !r.runId().isEmpty()) {
                    return r.runId();
                }
            }
        }
        return PLACEHOLDER_ID;
    }

    static ReplayReport explain(WorkflowExecutionHistory history, Throwable e) {
        String text = messages(e);
        Long eventId = null;
        String problem;
        Matcher mismatch = MISMATCH.matcher(text);
        Matcher tagged = NON_DETERMINISM.matcher(text);
        if (text.contains("out of order") || text.contains("Premature end of stream")) {
            String first = text.lines().filter(l -> l.contains("out of order") || l.contains("Premature")).findFirst()
                    .orElse(text);
            int cut = first.indexOf(". ");
            return new ReplayReport(false, "the history is not in the order a server writes it (events were removed, "
                    + "moved or renumbered): " + (cut > 0 ? first.substring(0, cut) : first).strip(), null, null,
                    ReplayReport.Kind.SHAPE);
        }
        Matcher handling = HANDLING.matcher(text);
        if (!mismatch.find() && !tagged.find() && handling.find()) {
            long id = Long.parseLong(handling.group(1));
            return new ReplayReport(false, "event " + id + " (" + camel(handling.group(2)) + ") does not fit the events "
                    + "before it: the history was edited (events moved, removed or renumbered)", id,
                    describe(history, id), ReplayReport.Kind.SHAPE);
        }
        mismatch.reset();
        tagged.reset();
        if (mismatch.find()) {
            eventId = Long.parseLong(mismatch.group(1));
            problem = "the history has " + camel(mismatch.group(2)) + " there, but this interpreter now issues "
                    + camel(mismatch.group(3));
        } else if (text.contains("PotentialDeadlock") || text.contains("[TMPRL1101]")) {
            problem = "replay failed: PotentialDeadlock (the workflow thread was held past the deadlock detector, "
                    + "as on a busy machine; not a determinism problem)";
        } else if (tagged.find()) {
            String last = tagged.group(1);
            while (tagged.find()) {
                last = tagged.group(1);
            }
            problem = last.strip();
        } else {
            String first = text.lines().findFirst().orElse(text);
            problem = "replay failed: " + (first.length() > 300 ? first.substring(0, 300) + "…" : first);
        }
        if (eventId == null) {
            Matcher m = EVENT_ID.matcher(problem);
            if (m.find()) {
                eventId = Long.parseLong(m.group(1));
            }
        }
        String event = eventId == null ? null : describe(history, eventId);
        return new ReplayReport(false, problem, eventId, event);
    }

    /** Every message down the cause chain: the SDK wraps the non-determinism report in query failures. */
    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                b.append(t.getMessage().replaceAll("\\s+", " ")).append('\n');
            }
        }
        return b.toString();
    }

    /** What the history recorded at that event, with the step and source line of a tool call. */
    static String describe(WorkflowExecutionHistory history, long eventId) {
        for (HistoryEvent e : history.getEvents()) {
            if (e.getEventId() != eventId) {
                continue;
            }
            String type = camel(e.getEventType().name().replace("EVENT_TYPE_", ""));
            if (e.hasActivityTaskScheduledEventAttributes()) {
                var a = e.getActivityTaskScheduledEventAttributes();
                String activity = a.getActivityType().getName();
                if (activity.equals(ResolveActivity.TYPE)) {
                    return type + ": resolving a child run's definition";
                }
                ToolCallRequest r = Payloads.read(a.getInput(), 0, ToolCallRequest.class);
                return r == null ? type + ": activity " + activity
                        : type + ": tool " + r.tool() + " (" + activity + ") at step " + r.stepPath()
                                + (r.sourceLine() == null || r.sourceLine().isEmpty() ? "" : " (" + r.sourceLine() + ")");
            }
            if (e.hasTimerStartedEventAttributes()) {
                var d = e.getTimerStartedEventAttributes().getStartToFireTimeout();
                return type + ": a timer of " + DurationText.format(java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()));
            }
            if (e.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                return type + ": child run " + e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId();
            }
            return type;
        }
        return null;
    }

    static String typeName(HistoryEvent e) {
        return camel(e.getEventType().name().replace("EVENT_TYPE_", ""));
    }

    static String camel(String upperSnake) {
        StringBuilder b = new StringBuilder();
        for (String part : upperSnake.toLowerCase().split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
