package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.InterpreterWorkflowImpl;
import dev.agentplan.runtime.JsonPlanDecoder;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Live workers: a run that a new worker cannot replay deterministically FAILS with
 * {@link NonDeterministicException} (AgentWorker's {@code setFailWorkflowExceptionTypes}), instead
 * of retrying its workflow task forever, which is what a worker without that option does.
 *
 * <p>Each test starts a run on the production worker, lets it wait for a signal, stops that worker
 * and starts one whose interpreter names activity types differently (an incompatible change), then
 * sends the signal: the new worker must replay the run's history to go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonDeterministicRunFailsTest {

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private ToolActivity tools;
    private Function<String, ToolKind> renamed;

    @BeforeAll
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        client = env.getWorkflowClient();
        tools = DurabilityWorkers.builtinTools();
        Function<String, ToolKind> kinds = AgentWorker.kindsOf(tools.registry());
        renamed = name -> {
            ToolKind k = kinds.apply(name);
            return k == null ? null : new ToolKind(k.name() + ".v2", k.description(), k.arguments(),
                    k.openArguments(), k.defaultEffect(), k.approvalByDefault());
        };
    }

    @AfterAll
    void stop() {
        env.close();
    }

    /** Starts a signal_wait run on a fresh production worker, waits until it waits, stops the worker. */
    private WorkflowStub runWaitingOnAStoppedWorker(String queue) throws Exception {
        WorkerFactory first = WorkerFactory.newInstance(client);
        DurabilityWorkers.create(first, queue, true, null);
        first.start();
        WorkflowStub run = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(queue + "-run").build());
        run.start(new RunRequest(DurabilityPlans.pin("signal_wait", 1), null, null));
        Runs.awaitStatus(run, s -> s.awaitingSignals().contains("ci_finished"), Duration.ofSeconds(30));
        first.shutdownNow();
        first.awaitTermination(10, TimeUnit.SECONDS);
        return run;
    }

    private static void signal(WorkflowStub run) throws Exception {
        run.signal(InterpreterWorkflow.SIGNAL, "ci_finished", HistoryScenarios.JSON.readTree("{\"green\":true}"));
    }

    @Test
    void aNonDeterministicReplayFailsTheRun() throws Exception {
        WorkflowStub run = runWaitingOnAStoppedWorker("nondeterministic-fails");
        WorkerFactory changed = WorkerFactory.newInstance(client);
        AgentWorker.create(changed, new AgentWorker.Config("nondeterministic-fails", true, null, renamed, tools, null));
        changed.start();
        try {
            signal(run);
            assertThrows(WorkflowFailedException.class, () -> run.getResult(30, TimeUnit.SECONDS, RunResult.class));
            HistoryEvent last = client.fetchHistory(run.getExecution().getWorkflowId()).getLastEvent();
            assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, last.getEventType());
            Failure failure = last.getWorkflowExecutionFailedEventAttributes().getFailure();
            assertEquals(NonDeterministicException.class.getName(), failure.getApplicationFailureInfo().getType());
            assertTrue(failure.getMessage().contains("activityType"), failure.getMessage());
        } finally {
            changed.shutdownNow();
        }
    }

    @Test
    void withoutTheFailOptionTheRunWouldRetryItsTaskForever() throws Exception {
        WorkflowStub run = runWaitingOnAStoppedWorker("nondeterministic-retries");
        WorkerFactory changed = WorkerFactory.newInstance(client);
        Worker w = changed.newWorker("nondeterministic-retries");
        w.registerWorkflowImplementationFactory(InterpreterWorkflow.class,
                () -> new InterpreterWorkflowImpl(new JsonPlanDecoder(), renamed)); // no WorkflowImplementationOptions
        w.registerActivitiesImplementations(tools);
        changed.start();
        try {
            signal(run);
            assertThrows(TimeoutException.class, () -> run.getResult(5, TimeUnit.SECONDS, RunResult.class),
                    "the run neither completes nor fails");
            assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
                    run.describe().getWorkflowExecutionInfo().getStatus());
            List<HistoryEvent> failedTasks = HistoryScenarios.events(
                    List.of(client.fetchHistory(run.getExecution().getWorkflowId())),
                    EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
            assertFalse(failedTasks.isEmpty(), "its workflow task fails");
            assertEquals(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
                    failedTasks.get(failedTasks.size() - 1).getWorkflowTaskFailedEventAttributes().getCause());
        } finally {
            changed.shutdownNow();
            run.terminate("test over");
        }
    }
}
