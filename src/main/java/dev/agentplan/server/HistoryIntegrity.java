package dev.agentplan.server;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape every history a server writes has, checked before replay: it starts with the run's
 * start, its event ids count up from 1 without a gap, and every event
 * that refers to another (a completion to its scheduling, a timer's firing to its start) refers to
 * an earlier event of the right kind. An export with an event removed, moved or renumbered fails
 * here with one line that names the event, instead of an SDK error deep in replay. (Event times
 * are not checked: a server writes an activity's started event when the activity ends, with the
 * time it started.)
 */
final class HistoryIntegrity {

    /** @param eventId the event where the history stops making sense */
    record Break(long eventId, String problem) {
    }

    private final Map<Long, EventType> seen = new HashMap<>();

    private HistoryIntegrity() {
    }

    /** The first break in the history's shape, or null when it has none. */
    static Break check(WorkflowExecutionHistory history) {
        return new HistoryIntegrity().first(history.getEvents());
    }

    private Break first(List<HistoryEvent> events) {
        if (events.isEmpty()) {
            return new Break(0, "the history has no events");
        }
        if (events.get(0).getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
            return new Break(events.get(0).getEventId(), "the history does not begin with the run's start "
                    + "(its first event is " + Replays.typeName(events.get(0)) + ")");
        }
        long expected = 1;
        for (HistoryEvent e : events) {
            long id = e.getEventId();
            if (id != expected) {
                return new Break(id, id > expected
                        ? (id - expected == 1 ? "event " + expected + " is missing" : "events " + expected + " to " + (id - 1)
                                + " are missing") + ": the event ids jump from " + (expected - 1) + " to " + id
                                + " (events were removed from this history)"
                        : "event " + id + " comes after event " + (expected - 1)
                                + ": the event ids go back (events were moved or duplicated in this history)");
            }
            String reference = reference(e);
            if (reference != null) {
                return new Break(id, "event " + id + " (" + Replays.typeName(e) + ") " + reference
                        + " (the history was edited: events were moved or removed)");
            }
            seen.put(id, e.getEventType());
            expected++;
        }
        return null;
    }

    /** What is wrong with the events this one refers to, or null. */
    private String reference(HistoryEvent e) {
        return switch (e.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_STARTED -> refers(e.getActivityTaskStartedEventAttributes().getScheduledEventId(),
                    "its scheduling", EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> refers(e.getActivityTaskCompletedEventAttributes().getScheduledEventId(), "its scheduling",
                            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> refers(e.getActivityTaskFailedEventAttributes().getScheduledEventId(), "its scheduling",
                            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> refers(
                    e.getActivityTaskTimedOutEventAttributes().getScheduledEventId(), "its scheduling",
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> refers(
                    e.getActivityTaskCanceledEventAttributes().getScheduledEventId(), "its scheduling",
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> refers(
                    e.getActivityTaskCancelRequestedEventAttributes().getScheduledEventId(), "its scheduling",
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
            case EVENT_TYPE_TIMER_FIRED -> refers(e.getTimerFiredEventAttributes().getStartedEventId(), "its start",
                    EventType.EVENT_TYPE_TIMER_STARTED);
            case EVENT_TYPE_TIMER_CANCELED -> refers(e.getTimerCanceledEventAttributes().getStartedEventId(), "its start",
                    EventType.EVENT_TYPE_TIMER_STARTED);
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> refers(
                    e.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId(), "its initiation",
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> refers(
                    e.getChildWorkflowExecutionCompletedEventAttributes().getInitiatedEventId(), "its initiation",
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> refers(
                    e.getChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), "its initiation",
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
            case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> refers(
                    e.getStartChildWorkflowExecutionFailedEventAttributes().getInitiatedEventId(), "its initiation",
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
            case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> refers(
                    e.getWorkflowExecutionUpdateCompletedEventAttributes().getAcceptedEventId(), "its acceptance",
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
            default -> null;
        };
    }

    /** @param id 0 when the event refers to nothing (optional references) */
    private String refers(long id, String what, EventType... types) {
        if (id == 0) {
            return null;
        }
        EventType found = seen.get(id);
        if (found == null) {
            return "refers to event " + id + " as " + what + ", but no such event comes before it";
        }
        if (!Set.of(types).contains(found)) {
            return "refers to event " + id + " as " + what + ", but event " + id + " is "
                    + Replays.camel(found.name().replace("EVENT_TYPE_", ""));
        }
        return null;
    }
}
