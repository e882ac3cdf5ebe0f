package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.RunMemo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Set;

/** What a history recorded on the real server must show besides its commands: the UI's summaries. */
final class DevHistories {

    /** The events that begin with one of the interpreter's commands, each of which gets a summary. */
    static final Set<EventType> SUMMARISED = Set.of(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            EventType.EVENT_TYPE_TIMER_STARTED);

    private DevHistories() {
    }

    /**
     * Every activity and timer names its step (or is the duration budget's); every segment's memo
     * names the agent and version (the server carries it across continue-as-new), and the run's first
     * segment has its own summary (continue-as-new cannot set one: later segments have none).
     */
    static void assertSummarised(WorkflowExecutionHistory history) {
        String id = history.getWorkflowExecution().getWorkflowId();
        HistoryEvent start = history.getEvents().get(0);
        var started = start.getWorkflowExecutionStartedEventAttributes();
        if (started.getContinuedExecutionRunId().isEmpty()) {
            assertTrue(start.hasUserMetadata() && start.getUserMetadata().hasSummary(), id + ": the run has no summary");
        }
        var memo = started.getMemo().getFieldsMap();
        assertTrue(memo.containsKey(RunMemo.AGENT) && memo.containsKey(RunMemo.VERSION),
                id + ": the memo names no agent and version: " + memo.keySet());
        for (HistoryEvent e : history.getEvents()) {
            if (!SUMMARISED.contains(e.getEventType())) {
                continue;
            }
            String summary = e.hasUserMetadata() && e.getUserMetadata().hasSummary() ? text(e.getUserMetadata().getSummary()) : "";
            assertTrue(summary.startsWith("step ") || summary.startsWith("duration budget "),
                    history.getWorkflowExecution().getWorkflowId() + " event " + e.getEventId() + " " + e.getEventType()
                            + ": summary '" + summary + "'");
        }
    }

    static String text(Payload p) {
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, String.class, String.class);
    }

    /** The change ids of the {@code Workflow.getVersion} markers a history holds. */
    static Set<String> versionChanges(WorkflowExecutionHistory history) {
        Set<String> ids = new java.util.TreeSet<>();
        for (HistoryEvent e : history.getEvents()) {
            if (e.getEventType() != EventType.EVENT_TYPE_MARKER_RECORDED) {
                continue;
            }
            for (var details : e.getMarkerRecordedEventAttributes().getDetailsMap().values()) {
                for (Payload p : details.getPayloadsList()) {
                    try {
                        ids.add(text(p));
                    } catch (RuntimeException notText) {
                        // the version number, not the change id
                    }
                }
            }
        }
        return ids;
    }
}
