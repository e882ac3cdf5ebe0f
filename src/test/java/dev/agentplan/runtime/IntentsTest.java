package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.runtime.api.HandlerView;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.validate.PlanValidator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Intent handlers on the real interpreter: events sent while the run works change what the next
 * steps do, interrupt loops and waits, are refused with a reason when they do not fit, and
 * survive continue-as-new and a worker restart. No time skipping: the tests talk to waiting runs.
 */
class IntentsTest extends InterpreterTestBase {

    @Override
    protected boolean timeSkipping() {
        return false;
    }

    /** Parses and validates a plan (it must validate clean: the runtime keeps the validator's promise). */
    private static PinnedDefinition plan(String text) {
        List<Diagnostic> problems = PlanValidator.withBuiltinTools()
                .validate(PlanText.parse("intent.agent", text).definition());
        assertTrue(problems.isEmpty(), problems.toString());
        return AgentTextTest.deploy("intent.agent", text);
    }

    private static void intent(WorkflowStub run, String name, String payload) {
        run.signal(InterpreterWorkflow.INTENT, new IntentEvent(name, json(payload), "tester@test"));
    }

    private static void next(WorkflowStub run) {
        run.signal(InterpreterWorkflow.SIGNAL, "next", json("{}"));
    }

    private static List<String> argsOf(String tool, String field) {
        return TOOLS.callsOf(tool).stream().map(ToolCallRequest::arguments).map(a -> a.get(field).toString()).toList();
    }

    static final String SCOPED = """
            agent scoped "A triage whose scope the user narrows mid-run"
            tools { check = echo { timeout 10s } }
            on signal "scope" as scope: object = { regions: ["us", "eu"] }
            for each item in [1, 2, 3] {
              r = check(item: item, regions: scope.regions)
              got = await signal "next" { timeout 1h  on_timeout fail }
            }
            output { regions: scope.regions }
            """;

    @Test
    void anIntentSentMidRunChangesWhatTheFollowingStepsDo() throws Exception {
        WorkflowStub run = start(plan(SCOPED), null);
        RunStatus waiting = awaitStatus(run, s -> s.awaitingSignals().contains("next"));
        assertEquals(1, waiting.handlers().size());
        HandlerView h = waiting.handlers().get(0);
        assertEquals("signal scope scope object plan true", h.kind() + " " + h.event() + " " + h.variable() + " "
                + h.type() + " " + h.scope() + " " + h.active());
        assertEquals("{\"regions\":[\"us\",\"eu\"]}", h.value());

        intent(run, "scope", "{\"regions\": [\"eu\"]}");
        next(run);
        awaitStatus(run, s -> TOOLS.callsOf("check").size() == 2 && s.awaitingSignals().contains("next"));
        RunStatus s = status(run);
        assertEquals("scope", s.lastIntent().name());
        assertEquals("tester@test", s.lastIntent().by());
        assertEquals("applied", s.lastIntent().outcome());
        assertEquals("{\"regions\":[\"eu\"]}", s.lastIntent().payload());
        next(run);
        next(run);
        RunResult r = run.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(List.of("[\"us\",\"eu\"]", "[\"eu\"]", "[\"eu\"]"), argsOf("check", "regions"));
        assertEquals("{\"regions\":[\"eu\"]}", r.output().toString());
    }

    @Test
    void aSignalOfTheWrongTypeIsIgnoredVisiblyAndChangesNothing() throws Exception {
        WorkflowStub run = start(plan(SCOPED), null);
        awaitStatus(run, s -> s.awaitingSignals().contains("next"));
        intent(run, "scope", "\"just eu\"");
        intent(run, "nosuch", "1");
        RunStatus s = awaitStatus(run, st -> st.ignoredSignals().size() == 2);
        assertEquals("the payload of \"scope\" must be an object, not string", s.ignoredSignals().get(0).reason());
        assertTrue(s.ignoredSignals().get(1).reason().startsWith("the plan has no handler for \"nosuch\""),
                s.ignoredSignals().get(1).reason());
        next(run);
        next(run);
        next(run);
        RunResult r = run.getResult(RunResult.class);
        assertEquals("{\"regions\":[\"us\",\"eu\"]}", r.output().toString());
    }

    @Test
    void aPlainSignalForAHandlersEventReachesTheHandler() throws Exception {
        WorkflowStub run = start(plan(SCOPED), null);
        awaitStatus(run, s -> s.awaitingSignals().contains("next"));
        run.signal(InterpreterWorkflow.SIGNAL, "scope", json("{\"regions\": [\"ap\"]}"));
        RunStatus s = awaitStatus(run, st -> st.lastIntent() != null);
        assertEquals("applied", s.lastIntent().outcome());
        assertNull(s.lastIntent().by(), "a plain signal names no sender");
        next(run);
        next(run);
        next(run);
        assertEquals("{\"regions\":[\"ap\"]}", run.getResult(10, TimeUnit.SECONDS, RunResult.class).output().toString());
    }

    static final String RESOLVED = """
            agent watch "Poll until someone says the incident is resolved"
            tools { poll = echo { timeout 10s } }
            on signal "resolved" as resolution: object leave {
              while true max 100 {
                status = poll(round: 1)
                wait 1h
              }
            }
            after = poll(by: resolution.by)
            output { by: after.by }
            """;

    @Test
    void anInterruptLeavesTheLoopAndInterruptsItsWait() throws Exception {
        WorkflowStub run = start(plan(RESOLVED), null);
        RunStatus waiting = awaitStatus(run, s -> s.state() == RunState.WAITING_TIMER);
        assertTrue(waiting.handlers().get(0).active());
        assertTrue(waiting.handlers().get(0).leave());
        intent(run, "resolved", "{\"by\": \"carol\"}");
        RunResult r = run.getResult(10, TimeUnit.SECONDS, RunResult.class); // not an hour: the wait was interrupted
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("carol", r.output().get("by").asText());
        assertEquals(2, TOOLS.callsOf("poll").size(), "one poll, then the call after the block");
        WorkflowExecutionHistory history = client.fetchHistory(run.getExecution().getWorkflowId());
        assertEquals(1, history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED).count());
    }

    @Test
    void aSignalSentBeforeItsBlockStartsIsAppliedOnEntry() throws Exception {
        WorkflowStub run = start(plan("""
                agent early "A stop sent before the loop starts ends it at once"
                tools { e = echo { timeout 10s } }
                go = await signal "go" { timeout 1h  on_timeout fail }
                on signal "stop" as why: string leave {
                  while true max 10 {
                    x = e(n: 1)
                    wait 1h
                  }
                }
                output { why: why }
                """), null);
        awaitStatus(run, s -> s.awaitingSignals().contains("go"));
        intent(run, "stop", "\"not needed\"");
        RunStatus s = awaitStatus(run, st -> st.bufferedIntents().contains("stop"));
        assertEquals("buffered until a block of its handler starts", s.lastIntent().outcome());
        run.signal(InterpreterWorkflow.SIGNAL, "go", json("1"));
        RunResult r = run.getResult(10, TimeUnit.SECONDS, RunResult.class);
        assertEquals("{\"why\":\"not needed\"}", r.output().toString());
        assertEquals(0, TOOLS.callsOf("e").size(), "the body never ran");
    }

    @Test
    void parallelLanesReadTheLatestValueAtTheirNextStep() throws Exception {
        WorkflowStub run = start(plan("""
                agent lanes "Lanes see a new scope at their next step: no snapshot"
                tools { e = echo { timeout 10s } }
                on signal "scope" as scope: string = "all"
                both = parallel {
                  lane a {
                    g = await signal "a_go" { timeout 1h  on_timeout fail }
                    x = e(lane: "a", scope: scope)
                  }
                  lane b {
                    g = await signal "b_go" { timeout 1h  on_timeout fail }
                    x = e(lane: "b", scope: scope)
                  }
                }
                output { a: both.a.x.scope, b: both.b.x.scope }
                """), null);
        awaitStatus(run, s -> s.awaitingSignals().containsAll(List.of("a_go", "b_go")));
        run.signal(InterpreterWorkflow.SIGNAL, "a_go", json("1"));
        awaitStatus(run, s -> TOOLS.callsOf("e").size() == 1);
        intent(run, "scope", "\"eu\"");
        run.signal(InterpreterWorkflow.SIGNAL, "b_go", json("1"));
        RunResult r = run.getResult(10, TimeUnit.SECONDS, RunResult.class);
        assertEquals("{\"a\":\"all\",\"b\":\"eu\"}", r.output().toString(), String.valueOf(r.error()));
    }

    @Test
    void anEventReachesEveryRunningIterationOfABlock() throws Exception {
        WorkflowStub run = start(plan("""
                agent iterations "Each running iteration of a parallel for each holds the handler"
                for each i in [1, 2, 3] parallel 3 {
                  on signal "stop" as why: string leave {
                    wait 1h
                  }
                }
                output { why: why }
                """), null);
        awaitStatus(run, s -> s.currentSteps().stream().filter(a -> "wait".equals(a.kind())).count() == 3);
        intent(run, "stop", "\"enough\"");
        RunResult r = run.getResult(10, TimeUnit.SECONDS, RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"why\":[\"enough\",\"enough\",\"enough\"]}", r.output().toString());
    }

    static final String FOCUSED = """
            agent focused "An update narrows the focus; the sender gets an answer"
            tools { e = echo { timeout 10s } }
            on update "focus" as focus: string = "all"
            go = await signal "go" { timeout 1h  on_timeout fail }
            on update "pause" as pause: boolean = false {
              r = e(focus: focus)
            }
            output { focus: r.focus }
            """;

    @Test
    void anUpdateWithAWrongPayloadIsRefusedAndTheRunIsUntouched() throws Exception {
        WorkflowStub run = start(plan(FOCUSED), null);
        awaitStatus(run, s -> s.awaitingSignals().contains("go"));
        assertEquals("the payload of \"focus\" must be a string, not number",
                refused(run, new IntentEvent("focus", json("42"), "tester")));
        assertTrue(refused(run, new IntentEvent("pause", json("true"), "tester"))
                .startsWith("no handler of \"pause\" is in scope now"));
        assertTrue(refused(run, new IntentEvent("nope", json("1"), "tester"))
                .startsWith("the plan has no handler for \"nope\""));
        RunStatus untouched = status(run);
        assertNull(untouched.lastIntent(), "refused updates leave no trace in the run");
        assertEquals("\"all\"", untouched.handlers().get(0).value());
        WorkflowExecutionHistory history = client.fetchHistory(run.getExecution().getWorkflowId());
        assertEquals(0, history.getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).count());

        assertEquals("accepted focus: applied",
                update(run, InterpreterWorkflow.INTENT_UPDATE, String.class, new IntentEvent("focus", json("\"eu\""), "tester")));
        run.signal(InterpreterWorkflow.SIGNAL, "go", json("1"));
        RunResult r = run.getResult(10, TimeUnit.SECONDS, RunResult.class);
        assertEquals("{\"focus\":\"eu\"}", r.output().toString());
    }

    /** The reason an intent update was refused with. */
    private static String refused(WorkflowStub run, IntentEvent event) {
        WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class,
                () -> update(run, InterpreterWorkflow.INTENT_UPDATE, String.class, event));
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure a) {
                return a.getOriginalMessage();
            }
        }
        throw new AssertionError("no reason in " + e);
    }

    static final String LONG = """
            agent long_scope "The scope and a buffered signal outlive continue-as-new"
            tools { e = echo { timeout 10s } }
            on signal "scope" as scope: list = ["us"]
            for each i in [1, 2, 3, 4, 5, 6] {
              r = e(i: i, regions: scope)
              got = await signal "next" { timeout 1h  on_timeout fail }
            }
            on signal "extra" as extra: string = "none" {
              last = e(regions: scope, extra: extra)
            }
            output { extra: last.extra }
            """;

    @Test
    void intentsSurviveContinueAsNew() throws Exception {
        WorkflowStub run = start(plan(LONG), null, 20);
        awaitStatus(run, s -> s.awaitingSignals().contains("next"));
        intent(run, "scope", "[\"eu\"]");
        intent(run, "extra", "\"late\"");
        for (int i = 0; i < 6; i++) {
            next(run);
        }
        RunResult r = run.getResult(20, TimeUnit.SECONDS, RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertTrue(r.counts().segments() > 2, "continued as new: " + r.counts().segments());
        assertEquals("{\"extra\":\"late\"}", r.output().toString());
        assertEquals(List.of("[\"us\"]", "[\"eu\"]", "[\"eu\"]", "[\"eu\"]", "[\"eu\"]", "[\"eu\"]", "[\"eu\"]"),
                argsOf("e", "regions"));
    }

    @Test
    void anIntentSurvivesAWorkerRestart() throws Exception {
        String queue = "intent-restart";
        WorkerFactory first = worker(queue);
        WorkflowStub run = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(newId()).build());
        run.start(new RunRequest(plan(SCOPED), null, null, 0));
        awaitStatus(run, s -> s.awaitingSignals().contains("next"));
        intent(run, "scope", "{\"regions\": [\"ap\"]}");
        awaitStatus(run, s -> s.lastIntent() != null);
        first.shutdownNow();
        first.awaitTermination(5, TimeUnit.SECONDS);

        WorkerFactory second = worker(queue); // a new worker replays the history, signals included
        try {
            next(run);
            next(run);
            next(run);
            RunResult r = run.getResult(20, TimeUnit.SECONDS, RunResult.class);
            assertEquals("{\"regions\":[\"ap\"]}", r.output().toString());
            assertEquals(List.of("[\"us\",\"eu\"]", "[\"ap\"]", "[\"ap\"]"), argsOf("check", "regions"));
        } finally {
            second.shutdownNow();
        }
    }

    /** A non-sticky worker of its own (the test server never expires a dead worker's sticky queue). */
    private static WorkerFactory worker(String queue) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        AgentWorker.create(factory, new AgentWorker.Config(queue, true, null, AgentWorker.kindsOf(TOOLS.registry()),
                TOOLS, null));
        factory.start();
        return factory;
    }
}
