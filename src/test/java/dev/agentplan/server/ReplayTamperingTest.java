package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.PlanText;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replay catches exported histories that were edited: a changed tool result that only a later
 * call's arguments depend on, a changed result only the output depends on, a changed completion
 * result, a changed signal payload, a removed event and a moved one; and it checks every segment
 * of a run that continued as new. Real runs of the real interpreter; each history is edited as a
 * person would edit an export (its JSON) and read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTamperingTest {

    static final String PLAN = """
            agent tampered "each value feeds something recorded later"
            tools { say = echo { timeout 10s } }
            a = say(text: "alpha")
            b = say(text: "after ${a.text}")
            c = say(text: "gamma")
            go = await signal "go" { timeout 1h }
            output { c: c.text, go: go.v }
            """;

    static final String LOOP = """
            agent looped "many segments"
            input { n: number }
            tools { say = echo { timeout 10s } }
            set i = 0
            set total = ""
            while i < input.n max 1000 {
              r = say(text: "n${i}")
              set total = total + r.text
              set i = i + 1
            }
            output { total: total }
            """;

    private LocalStack stack;
    private WorkflowExecutionHistory original;

    @BeforeAll
    void record() throws Exception {
        stack = LocalStack.start(0, "tamper-test", false, (agent, ref) -> null);
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("tampered.agent", PlanText.parse("tampered.agent", PLAN).definition()),
                new ObjectMapper().createObjectNode(), "tampered-1", stack.taskQueue());
        for (int i = 0; i < 300 && client.status("tampered-1").awaitingSignals().isEmpty(); i++) {
            Thread.sleep(100);
        }
        client.signal("tampered-1", "go", new ObjectMapper().readTree("{\"v\": \"green\"}"));
        RunResult result = client.resultAsync("tampered-1").get();
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
        original = client.history("tampered-1");
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void theUntouchedHistoryReplays() {
        ReplayReport r = Replays.replay(exported(original));
        assertTrue(r.deterministic(), r.toString());
    }

    @Test
    void aChangedResultThatOnlyALaterCallsArgumentsUseIsCaughtAtThatCall() {
        HistoryEvent first = nth(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 0);
        ReplayReport r = Replays.replay(edit(first.getEventId(), e -> e.toBuilder().setActivityTaskCompletedEventAttributes(
                e.getActivityTaskCompletedEventAttributes().toBuilder()
                        .setResult(replace(e.getActivityTaskCompletedEventAttributes().getResult(), "alpha", "omega")))
                .build()));
        HistoryEvent second = nth(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, 1);
        assertCaught(r, ReplayReport.Kind.PAYLOADS, second.getEventId());
        assertTrue(r.event().contains("step 2") && r.event().contains("tampered.agent:4"), r.event());
        assertTrue(r.problem().contains("/0/arguments/text recorded \"after alpha\", computed \"after omega\""), r.problem());
    }

    @Test
    void aChangedResultThatOnlyTheOutputUsesIsCaughtAtTheCompletion() {
        HistoryEvent third = nth(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 2);
        ReplayReport r = Replays.replay(edit(third.getEventId(), e -> e.toBuilder().setActivityTaskCompletedEventAttributes(
                e.getActivityTaskCompletedEventAttributes().toBuilder()
                        .setResult(replace(e.getActivityTaskCompletedEventAttributes().getResult(), "gamma", "delta")))
                .build()));
        assertCaught(r, ReplayReport.Kind.PAYLOADS, completion().getEventId());
        assertTrue(r.event().contains("output field 'c'"), r.event());
        assertTrue(r.problem().contains("recorded \"gamma\", computed \"delta\""), r.problem());
    }

    @Test
    void aChangedCompletionResultIsCaught() {
        HistoryEvent done = completion();
        ReplayReport r = Replays.replay(edit(done.getEventId(), e -> e.toBuilder().setWorkflowExecutionCompletedEventAttributes(
                e.getWorkflowExecutionCompletedEventAttributes().toBuilder()
                        .setResult(replace(e.getWorkflowExecutionCompletedEventAttributes().getResult(), "green", "red")))
                .build()));
        assertCaught(r, ReplayReport.Kind.PAYLOADS, done.getEventId());
        assertTrue(r.problem().contains("/0/output/go recorded \"red\", computed \"green\""), r.problem());
    }

    @Test
    void aChangedSignalPayloadIsCaughtWhereItsValueWasRecorded() {
        HistoryEvent signal = nth(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, 0);
        ReplayReport r = Replays.replay(edit(signal.getEventId(), e -> e.toBuilder().setWorkflowExecutionSignaledEventAttributes(
                e.getWorkflowExecutionSignaledEventAttributes().toBuilder()
                        .setInput(replace(e.getWorkflowExecutionSignaledEventAttributes().getInput(), "green", "amber")))
                .build()));
        assertCaught(r, ReplayReport.Kind.PAYLOADS, completion().getEventId());
        assertTrue(r.problem().contains("/0/output/go recorded \"green\", computed \"amber\""), r.problem());
    }

    @Test
    void aRemovedEventIsOneLineNamingTheGap() {
        HistoryEvent gone = nth(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, 1);
        List<HistoryEvent> events = new ArrayList<>(original.getEvents());
        events.removeIf(e -> e.getEventId() == gone.getEventId());
        ReplayReport r = Replays.replay(exported(history(events)));
        assertCaught(r, ReplayReport.Kind.SHAPE, gone.getEventId() + 1);
        assertEquals("event " + gone.getEventId() + " is missing: the event ids jump from " + (gone.getEventId() - 1)
                + " to " + (gone.getEventId() + 1) + " (events were removed from this history)", r.problem());
        assertFalse(r.problem().contains("getVersion"), r.problem());
    }

    @Test
    void aMovedEventIsCaughtRenumberedOrNot() {
        HistoryEvent moved = nth(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, 0);
        List<HistoryEvent> events = new ArrayList<>(original.getEvents());
        int at = events.indexOf(moved);
        events.remove(at);
        events.add(at - 2, moved); // before its own start and scheduling
        ReplayReport kept = Replays.replay(exported(history(events)));
        assertCaught(kept, ReplayReport.Kind.SHAPE, moved.getEventId());

        List<HistoryEvent> renumbered = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            renumbered.add(events.get(i).toBuilder().setEventId(i + 1).build());
        }
        ReplayReport r = Replays.replay(exported(history(renumbered)));
        assertFalse(r.deterministic(), r.toString());
        assertEquals(ReplayReport.Kind.SHAPE, r.kind(), r.toString());
        assertNotNull(r.eventId(), r.toString());
    }

    @Test
    void everySegmentOfALongRunIsCheckedAndAChangeInAMiddleOneIsFound() {
        RunClient client = new RunClient(stack.connection());
        PinnedDefinition pinned = Pins.ofFile("looped.agent", PlanText.parse("looped.agent", LOOP).definition());
        stack.connection().client().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                        WorkflowOptions.newBuilder().setWorkflowId("looped-1").setTaskQueue(stack.taskQueue()).build())
                .start(new RunRequest(pinned, new ObjectMapper().createObjectNode().put("n", 40), null, 80));
        RunResult result = client.resultAsync("looped-1").join();
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
        List<WorkflowExecutionHistory> chain = client.historyChain("looped-1");
        assertTrue(chain.size() >= 3, "segments: " + chain.size());
        List<ReplayReport> clean = Replays.replayChain(chain);
        assertEquals(chain.size(), clean.size());
        clean.forEach(r -> assertTrue(r.deterministic(), r.toString()));

        // the second segment's first tool result: only the state it carries to the third depends on it, and the output
        WorkflowExecutionHistory middle = chain.get(1);
        HistoryEvent completed = middle.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).findFirst().orElseThrow();
        List<HistoryEvent> events = new ArrayList<>();
        for (HistoryEvent e : middle.getEvents()) {
            events.add(e.getEventId() != completed.getEventId() ? e : e.toBuilder().setActivityTaskCompletedEventAttributes(
                    e.getActivityTaskCompletedEventAttributes().toBuilder()
                            .setResult(replace(e.getActivityTaskCompletedEventAttributes().getResult(), "\"n", "\"X"))).build());
        }
        List<WorkflowExecutionHistory> edited = new ArrayList<>(chain);
        edited.set(1, exported(history(events)));
        List<ReplayReport> reports = Replays.replayChain(edited);
        assertTrue(reports.get(0).deterministic(), reports.get(0).toString());
        assertFalse(reports.get(1).deterministic(), "the edited segment is caught: " + reports.get(1));
        assertEquals(ReplayReport.Kind.PAYLOADS, reports.get(1).kind());
    }

    @Test
    void aFieldAddedAsNullByALaterBuildIsNoDifferenceButAChangedOrRemovedValueIs() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var recorded = json.readTree("{\"a\": 1, \"b\": {\"c\": \"x\"}}");
        assertEquals(null, ReplayComparison.difference(recorded, json.readTree("{\"a\": 1, \"b\": {\"c\": \"x\"}, \"new\": null}"), ""));
        assertEquals("/b/c recorded \"x\", computed \"y\"",
                ReplayComparison.difference(recorded, json.readTree("{\"a\": 1, \"b\": {\"c\": \"y\"}}"), ""));
        assertEquals("/b recorded {\"c\":\"x\"}, computed null",
                ReplayComparison.difference(recorded, json.readTree("{\"a\": 1}"), ""));
        assertEquals("/new recorded (absent), computed 2",
                ReplayComparison.difference(recorded, json.readTree("{\"a\": 1, \"b\": {\"c\": \"x\"}, \"new\": 2}"), ""));
    }

    // ---- editing exports ----

    private static void assertCaught(ReplayReport r, ReplayReport.Kind kind, long eventId) {
        assertFalse(r.deterministic(), "the edit must be caught");
        assertEquals(kind, r.kind(), r.toString());
        assertEquals(eventId, r.eventId(), r.toString());
    }

    private HistoryEvent nth(EventType type, int n) {
        return original.getEvents().stream().filter(e -> e.getEventType() == type).skip(n).findFirst().orElseThrow();
    }

    private HistoryEvent completion() {
        return nth(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, 0);
    }

    private WorkflowExecutionHistory edit(long eventId, UnaryOperator<HistoryEvent> change) {
        List<HistoryEvent> events = new ArrayList<>();
        for (HistoryEvent e : original.getEvents()) {
            events.add(e.getEventId() == eventId ? change.apply(e) : e);
        }
        return exported(history(events));
    }

    private WorkflowExecutionHistory history(List<HistoryEvent> events) {
        return new WorkflowExecutionHistory(History.newBuilder().addAllEvents(events).build(), original.getWorkflowExecution().getWorkflowId());
    }

    /** Through the export format and back, as {@code agentplan export} and {@code replay --history} do. */
    private static WorkflowExecutionHistory exported(WorkflowExecutionHistory h) {
        return WorkflowExecutionHistory.fromJson(h.toJson(true));
    }

    private static Payloads replace(Payloads payloads, String from, String to) {
        Payloads.Builder b = payloads.toBuilder();
        for (int i = 0; i < b.getPayloadsCount(); i++) {
            Payload p = b.getPayloads(i);
            String data = p.getData().toString(StandardCharsets.UTF_8);
            b.setPayloads(i, p.toBuilder().setData(ByteString.copyFromUtf8(data.replace(from, to))));
        }
        Payloads out = b.build();
        assertFalse(out.equals(payloads), "the edit changed nothing: " + from);
        return out;
    }
}
