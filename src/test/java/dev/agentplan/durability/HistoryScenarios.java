package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.List;

/**
 * The runs whose histories are recorded ({@link HistoryRecorder}) and replayed on every build
 * ({@link ReplayHistoriesTest}): one per interpreter construct that issues its own kind of
 * commands. Each names its plan in {@code plans/}, its inputs, what a client does while it runs,
 * and what the recorded run must show (so a recording that missed its point is never written).
 */
final class HistoryScenarios {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** What a client does to the run after starting it (approve, signal, cancel). */
    interface Driver {
        void drive(WorkflowStub run) throws Exception;
    }

    /** What the recorded run must show: its result and its history segments, oldest first. */
    interface Check {
        void check(RunResult result, List<WorkflowExecutionHistory> segments);
    }

    /**
     * @param name the history file's base name ({@code name.json}, or {@code name.segmentN.json} and
     *     {@code name.child.json} for runs with several histories)
     * @param continueAsNewAfterEvents 0, or the history length after which the run continues as new
     */
    record Scenario(String name, String plan, String inputs, long continueAsNewAfterEvents, Driver driver,
                    Check check) {

        JsonNode inputsJson() {
            try {
                return inputs == null ? null : JSON.readTree(inputs);
            } catch (Exception e) {
                throw new IllegalArgumentException(inputs, e);
            }
        }
    }

    /** The plan a {@code run child_summary@v1} step resolves to while recording. */
    static final String CHILD_AGENT = "child_summary";
    static final String CHILD_REF = "v1";

    private HistoryScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                plain("chain_retries", (r, h) -> {
                    completedWith(r, "{\"order\":\"A-1\",\"printed\":\"done A-1\"}");
                    assertTrue(events(h, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).stream()
                            .anyMatch(e -> e.getActivityTaskStartedEventAttributes().getAttempt() == 3),
                            "the flaky call succeeded on its third attempt");
                }),
                plain("if_else", (r, h) -> completedWith(r, "{\"action\":\"ticket\"}")),
                plain("for_each_sequential", (r, h) -> completedWith(r, "{\"total\":10}")),
                plain("for_each_parallel", (r, h) -> completedWith(r,
                        "{\"pages\":[{\"item\":\"a\"},{\"item\":\"b\"},{\"item\":\"c\"},{\"item\":\"d\"},{\"item\":\"e\"}]}")),
                plain("parallel_all", (r, h) -> completedWith(r, "{\"left\":\"left\",\"right\":\"right\"}")),
                plain("parallel_first", (r, h) -> {
                    completedWith(r, "{\"winner\":\"fast\"}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED).size(),
                            "the losing lane's sleep was cancelled");
                }),
                new Scenario("approval_update", "approval_update", null, 0, run -> {
                    Runs.awaitStatus(run, s -> !s.pendingApprovals().isEmpty(), PATIENCE);
                    Runs.update(run, InterpreterWorkflow.DECIDE, String.class,
                            new GateDecision("restart_ok", true, "alice", "go ahead"));
                }, (r, h) -> {
                    completedWith(r, "{\"by\":\"alice\",\"approved\":true}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).size());
                }),
                new Scenario("signal_wait", "signal_wait", null, 0, run -> {
                    Runs.awaitStatus(run, s -> s.awaitingSignals().contains("ci_finished"), PATIENCE);
                    run.signal(InterpreterWorkflow.SIGNAL, "ci_finished", JSON.readTree("{\"green\":true}"));
                }, (r, h) -> completedWith(r, "{\"green\":true}")),
                plain("wait_timer", (r, h) -> {
                    completedWith(r, "{\"at\":[\"start\",\"end\"]}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_TIMER_FIRED).size());
                }),
                plain("try_catch_finally", (r, h) -> completedWith(r, "{\"outcome\":\"caught HttpError\"}")),
                plain("compensation", (r, h) -> {
                    ended(r, RunState.FAILED, "PlanFailed");
                    assertEquals(2, r.counts().compensationsRun());
                }),
                new Scenario("cancelled", "cancelled", null, 0, run -> {
                    Runs.awaitStatus(run, s -> s.awaitingSignals().contains("go"), PATIENCE);
                    Runs.update(run, InterpreterWorkflow.CANCEL, String.class,
                            new CancelRequest("alice", "no longer needed"));
                }, (r, h) -> {
                    ended(r, RunState.CANCELLED, "Cancelled");
                    assertEquals(2, r.counts().compensationsRun());
                }),
                plain("budget_exceeded", (r, h) -> {
                    ended(r, RunState.FAILED, "BudgetExceeded");
                    assertEquals(3, r.counts().toolCalls());
                }),
                new Scenario("continue_as_new", "continue_as_new", "{\"items\":" + range(40) + "}", 60,
                        run -> { }, (r, h) -> {
                    completedWith(r, "{\"sum\":780,\"n\":40}");
                    assertTrue(h.size() >= 3, "several segments: " + h.size());
                    assertEquals(h.size(), r.counts().segments());
                }),
                new Scenario("intent_handlers", "intent_handlers", null, 0, run -> {
                    Runs.awaitStatus(run, s -> s.awaitingSignals().contains("go"), PATIENCE);
                    run.signal(InterpreterWorkflow.INTENT, new IntentEvent("scope", JSON.readTree("{\"regions\":[\"eu\"]}"),
                            "recorder"));
                    Runs.update(run, InterpreterWorkflow.INTENT_UPDATE, String.class,
                            new IntentEvent("focus", JSON.readTree("\"db\""), "recorder"));
                    run.signal(InterpreterWorkflow.SIGNAL, "go", JSON.readTree("1"));
                    Runs.awaitStatus(run, s -> s.state() == RunState.WAITING_TIMER, PATIENCE);
                    run.signal(InterpreterWorkflow.INTENT, new IntentEvent("resolved", JSON.readTree("{\"by\":\"carol\"}"),
                            "recorder"));
                }, (r, h) -> {
                    completedWith(r, "{\"regions\":[\"eu\"],\"focus\":\"db\",\"by\":\"carol\"}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).size());
                    // the wait's timer (the last one started) was cancelled; since summarised wait timers
                    // (agentplan-summarised-wait-timers) the await's timeout timer is cancelled as well
                    List<HistoryEvent> started = events(h, EventType.EVENT_TYPE_TIMER_STARTED);
                    String waitTimer = started.get(started.size() - 1).getTimerStartedEventAttributes().getTimerId();
                    assertTrue(events(h, EventType.EVENT_TYPE_TIMER_CANCELED).stream()
                            .anyMatch(e -> e.getTimerCanceledEventAttributes().getTimerId().equals(waitTimer)),
                            "the wait was interrupted");
                }),
                new Scenario("model_loop", "model_loop", null, 0, run -> {
                    Runs.awaitStatus(run, s -> !s.pendingApprovals().isEmpty(), PATIENCE);
                    Runs.update(run, InterpreterWorkflow.DECIDE, String.class,
                            new GateDecision("publish@turn2.1", true, "alice", "publish it"));
                }, (r, h) -> {
                    completedWith(r, "{\"answer\":\"Published.\",\"turns\":3,\"tokens\":360}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).size());
                    assertEquals(5, events(h, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED).size(),
                            "three turns and two tool calls");
                }),
                new Scenario("model_loop_continue_as_new", "model_loop_continue_as_new", null, 8, run -> { }, (r, h) -> {
                    completedWith(r, "{\"answer\":\"three reads later\",\"turns\":4,\"calls\":3}");
                    assertTrue(h.size() >= 2, "several segments: " + h.size());
                }),
                plain("child_run", (r, h) -> {
                    completedWith(r, "{\"summary\":\"about checkout\"}");
                    assertEquals(1, events(h, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED).size());
                }));
    }

    /** The scripted model the model_loop scenarios talk to while recording (replay never calls it). */
    static dev.agentplan.runtime.loop.ScriptedModelServer scriptedModel() throws java.io.IOException {
        var search = new dev.agentplan.runtime.loop.ScriptedModelServer.Call("search", "{\"url\": \"$BASE/tools/search?q=agents\"}");
        var fetch = new dev.agentplan.runtime.loop.ScriptedModelServer.Call("fetch", "{\"url\": \"$BASE/tools/fetch?page=1\"}");
        var publish = new dev.agentplan.runtime.loop.ScriptedModelServer.Call("publish",
                "{\"method\": \"POST\", \"url\": \"$BASE/tools/publish\", \"body\": {\"title\": \"Agents\"}}");
        return dev.agentplan.runtime.loop.ScriptedModelServer.byTask(java.util.Map.of(
                "Research and publish", List.of(dev.agentplan.runtime.loop.ScriptedModelServer.Turn.calls(search),
                        dev.agentplan.runtime.loop.ScriptedModelServer.Turn.calls(publish),
                        dev.agentplan.runtime.loop.ScriptedModelServer.Turn.answer("Published.")),
                "Read three times", List.of(dev.agentplan.runtime.loop.ScriptedModelServer.Turn.calls(search),
                        dev.agentplan.runtime.loop.ScriptedModelServer.Turn.calls(fetch),
                        dev.agentplan.runtime.loop.ScriptedModelServer.Turn.calls(search),
                        dev.agentplan.runtime.loop.ScriptedModelServer.Turn.answer("three reads later"))), "scripted-model");
    }

    private static Scenario plain(String name, Check check) {
        return new Scenario(name, name, null, 0, run -> { }, check);
    }

    private static String range(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(i);
        }
        return sb.append(']').toString();
    }

    private static void completedWith(RunResult r, String output) {
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(output, r.output().toString());
    }

    private static void ended(RunResult r, RunState state, String errorType) {
        assertEquals(state, r.status(), String.valueOf(r.error()));
        assertEquals(errorType, r.error().type(), String.valueOf(r.error()));
    }

    static List<HistoryEvent> events(List<WorkflowExecutionHistory> segments, EventType type) {
        return segments.stream().flatMap(h -> h.getEvents().stream()).filter(e -> e.getEventType() == type).toList();
    }
}
