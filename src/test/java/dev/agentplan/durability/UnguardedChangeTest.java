package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The guard works: an interpreter change that alters the commands a run issues is caught by
 * replaying the recorded histories, and the same change behind {@code Workflow.getVersion} passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnguardedChangeTest {

    /**
     * How {@code WorkflowReplayer} reports a {@code NonDeterministicException}: the replay runs as a
     * query, so the exception arrives as a query failure carrying Temporal's non-determinism code.
     * (A live worker fails the run with the exception's type itself: see NonDeterministicRunFailsTest.)
     */
    private static final String NONDETERMINISM = "[TMPRL1100]";

    private TestWorkflowEnvironment env;
    private Worker current;
    private Worker unguarded;
    private Worker guarded;
    private Worker renamedTypes;

    @BeforeAll
    void createWorkers() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        current = DurabilityWorkers.create(env.getWorkerFactory(), "current", true, null);
        ToolActivity tools = DurabilityWorkers.builtinTools();
        Function<String, ToolKind> kinds = AgentWorker.kindsOf(tools.registry());
        unguarded = variant("unguarded", () -> new ExtraTimerInterpreter(false, kinds), tools);
        guarded = variant("guarded", () -> new ExtraTimerInterpreter(true, kinds), tools);
        // The interpreter now names activity types differently (say, "echo" becomes "echo.v2").
        Function<String, ToolKind> renamed = name -> {
            ToolKind k = kinds.apply(name);
            return k == null ? null : new ToolKind(k.name() + ".v2", k.description(), k.arguments(),
                    k.openArguments(), k.defaultEffect(), k.approvalByDefault());
        };
        renamedTypes = AgentWorker.create(env.getWorkerFactory(),
                new AgentWorker.Config("renamed", true, null, renamed, tools, null));
        env.start();
        HistoryFiles.warmUp(current);
    }

    private Worker variant(String queue, io.temporal.workflow.Functions.Func<InterpreterWorkflow> impl, ToolActivity tools) {
        // A generous deadlock detector: a cold JVM on a busy machine must not fail these replays.
        Worker w = env.newWorker(queue, WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
        w.registerWorkflowImplementationFactory(InterpreterWorkflow.class, impl,
                WorkflowImplementationOptions.newBuilder().setFailWorkflowExceptionTypes(NonDeterministicException.class).build());
        w.registerActivitiesImplementations(tools);
        return w;
    }

    @AfterAll
    void close() {
        env.close();
    }

    /** Replays and returns the failure's whole message chain (fails when the replay succeeds). */
    private static String replayFailure(WorkflowExecutionHistory history, Worker worker) {
        Exception e = assertThrows(Exception.class, () -> WorkflowReplayer.replayWorkflowExecution(history, worker),
                "the replay should have failed");
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return chain.toString();
    }

    @Test
    void anUnguardedExtraTimerBreaksTheReplayOfEveryRecordedHistory() {
        List<String> files = HistoryFiles.names();
        assertFalse(files.isEmpty());
        for (String file : files) {
            String failure = replayFailure(HistoryFiles.load(file), unguarded);
            assertTrue(failure.contains(NONDETERMINISM), file + ": " + failure);
            assertTrue(failure.contains("COMMAND_TYPE_START_TIMER"), file + ": " + failure);
        }
        String chain = replayFailure(HistoryFiles.load("chain_retries.json"), unguarded);
        assertTrue(chain.contains("Event 5 of type EVENT_TYPE_ACTIVITY_TASK_SCHEDULED does not match command type"
                + " COMMAND_TYPE_START_TIMER"), "names the recorded event and the new command: " + chain);
    }

    @Test
    void theSameChangeGuardedWithGetVersionReplaysEveryRecordedHistory() throws Exception {
        for (String file : HistoryFiles.names()) {
            WorkflowReplayer.replayWorkflowExecution(HistoryFiles.load(file), guarded);
        }
    }

    @Test
    void aGuardedChangeTakesTheNewPathOnlyInNewRuns() throws Exception {
        WorkflowStub run = env.getWorkflowClient().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue("guarded").setWorkflowId("guarded-new-run").build());
        run.start(new RunRequest(DurabilityPlans.pin("if_else", 1), null, null));
        RunResult r = run.getResult(30, TimeUnit.SECONDS, RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"action\":\"ticket\"}", r.output().toString());
        WorkflowExecutionHistory h = env.getWorkflowClient().fetchHistory("guarded-new-run");
        assertEquals(1, HistoryScenarios.events(List.of(h), EventType.EVENT_TYPE_MARKER_RECORDED).size(), "the version marker");
        assertEquals(1, HistoryScenarios.events(List.of(h), EventType.EVENT_TYPE_TIMER_STARTED).size(), "the new timer");
        WorkflowReplayer.replayWorkflowExecution(h, guarded);
    }

    @Test
    void aChangedActivityTypeIsCaught() {
        String failure = replayFailure(HistoryFiles.load("if_else.json"), renamedTypes);
        assertTrue(failure.contains(NONDETERMINISM), failure);
        assertTrue(failure.contains("expected value 'name: \"echo.v2\"")
                && failure.contains("actual value 'name: \"echo\""), "names both activity types: " + failure);
    }

    @Test
    void anEditedHistoryIsCaught() throws Exception {
        ObjectNode history = (ObjectNode) HistoryScenarios.JSON.readTree(HistoryFiles.text("if_else.json"));
        JsonNode scheduled = null;
        for (JsonNode event : history.get("events")) {
            if (event.get("eventType").asText().equals("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED")) {
                scheduled = event;
                break;
            }
        }
        assertTrue(scheduled != null, "if_else.json schedules an activity");
        ObjectNode type = (ObjectNode) scheduled.get("activityTaskScheduledEventAttributes").get("activityType");
        assertEquals("echo", type.get("name").asText());
        type.put("name", "http");
        String failure = replayFailure(WorkflowExecutionHistory.fromJson(history.toString()), current);
        assertTrue(failure.contains(NONDETERMINISM), failure);
        assertTrue(failure.contains("expected value 'name: \"echo\"")
                && failure.contains("actual value 'name: \"http\""), "names both activity types: " + failure);
    }
}
