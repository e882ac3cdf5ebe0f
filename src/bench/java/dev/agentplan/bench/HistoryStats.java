package dev.agentplan.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history of one workflow execution across its continue-as-new segments, measured: events,
 * serialized bytes (the protobuf size of each segment's history, as the server stores it), and
 * events per type.
 */
public record HistoryStats(List<WorkflowExecutionHistory> segments, long events, long bytes, long largestSegmentEvents,
                           long largestSegmentBytes, long startEventBytes, Map<String, Long> eventsByType,
                           List<String> taskFailures) {

    /** Fetches every segment, following continue-as-new from the given run. */
    public static HistoryStats fetch(WorkflowClient client, String workflowId, String firstRunId) {
        List<WorkflowExecutionHistory> segments = new ArrayList<>();
        String runId = firstRunId;
        while (runId != null) {
            WorkflowExecutionHistory h = client.fetchHistory(workflowId, runId);
            segments.add(h);
            HistoryEvent last = h.getLastEvent();
            runId = last != null && last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        return of(segments);
    }

    public static HistoryStats of(List<WorkflowExecutionHistory> segments) {
        long events = 0;
        long bytes = 0;
        long maxEvents = 0;
        long maxBytes = 0;
        long startBytes = 0;
        Map<String, Long> byType = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (WorkflowExecutionHistory h : segments) {
            List<HistoryEvent> list = h.getEvents();
            long size = h.getHistory().getSerializedSize();
            events += list.size();
            bytes += size;
            maxEvents = Math.max(maxEvents, list.size());
            maxBytes = Math.max(maxBytes, size);
            for (HistoryEvent e : list) {
                byType.merge(typeName(e.getEventType()), 1L, Long::sum);
                if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
                    startBytes += e.getSerializedSize();
                } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) {
                    var failed = e.getWorkflowTaskFailedEventAttributes();
                    failures.add(failed.getCause().name() + ": " + failed.getFailure().getMessage());
                }
            }
        }
        return new HistoryStats(List.copyOf(segments), events, bytes, maxEvents, maxBytes, startBytes, byType,
                List.copyOf(failures));
    }

    public int segmentCount() {
        return segments.size();
    }

    /** {@code EVENT_TYPE_ACTIVITY_TASK_SCHEDULED} to {@code ActivityTaskScheduled}. */
    static String typeName(EventType type) {
        StringBuilder out = new StringBuilder();
        for (String part : type.name().replace("EVENT_TYPE_", "").split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        }
        return out.toString();
    }
}
