package dev.agentplan.server;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.ResolveActivity;
import dev.agentplan.runtime.tools.ToolActivity;
import dev.agentplan.runtime.tools.ToolCallRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
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
    /** Any other non-determinism report, up to the diagnostics in braces or a stack frame. */
    private static final Pattern NON_DETERMINISM = Pattern.compile(
            "\\[TMPRL1100\\] ([^\\[{\\n]*?)(?= \\{| at [a-z]+\\.|\\[|\\n|$)");

    private Replays() {
    }

    public static ReplayReport replay(WorkflowExecutionHistory history) {
        ReplayReport report = replayOnce(history);
        // A cold JVM on a busy machine can hold the workflow thread past Temporal's 1 s deadlock
        // detector while it loads classes; that says nothing about determinism, so try once more warm.
        if (!report.deterministic() && report.problem() != null && report.problem().contains("PotentialDeadlock")) {
            report = replayOnce(history);
        }
        return report;
    }

    private static ReplayReport replayOnce(WorkflowExecutionHistory history) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadEncryption.dataConverter()).build())
                .build())) {
            Worker worker = AgentWorker.create(env.getWorkerFactory(),
                    AgentWorker.Config.of("agentplan-replay", true, null, new ToolActivity(), (agent, ref) -> null));
            try {
                WorkflowReplayer.replayWorkflowExecution(history, worker);
                return new ReplayReport(true, null, null, null);
            } catch (Exception e) {
                return explain(history, e);
            }
        }
    }

    static ReplayReport explain(WorkflowExecutionHistory history, Throwable e) {
        String text = messages(e);
        Long eventId = null;
        String problem;
        Matcher mismatch = MISMATCH.matcher(text);
        Matcher tagged = NON_DETERMINISM.matcher(text);
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
                return type + ": a timer of " + java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString()
                        .substring(2).toLowerCase();
            }
            if (e.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
                return type + ": child run " + e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId();
            }
            return type;
        }
        return null;
    }

    private static String camel(String upperSnake) {
        StringBuilder b = new StringBuilder();
        for (String part : upperSnake.toLowerCase().split("_")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
