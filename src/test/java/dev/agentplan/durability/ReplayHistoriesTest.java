package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.durability.HistoryScenarios.Scenario;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The determinism guard: every recorded history (runs "in flight" from earlier builds) replays
 * against the current interpreter, registered exactly as production registers it
 * ({@code AgentWorker.create}). A failure names the history; the fix is a
 * {@code Workflow.getVersion} guard in the interpreter, not a re-recorded history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayHistoriesTest {

    private TestWorkflowEnvironment env;
    private Worker worker;

    @BeforeAll
    void createReplayWorker() {
        env = TestWorkflowEnvironment.newInstance();
        worker = DurabilityWorkers.create(env.getWorkerFactory(), "agentplan-replay", true, null);
        HistoryFiles.warmUp(worker);
    }

    @AfterAll
    void close() {
        env.close();
    }

    static List<String> histories() {
        return HistoryFiles.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void replaysAgainstTheCurrentInterpreter(String file) {
        try {
            WorkflowReplayer.replayWorkflowExecution(HistoryFiles.load(file), worker);
        } catch (Exception e) {
            throw new AssertionError("recorded history " + file + " no longer replays against the interpreter: "
                    + e.getMessage(), e);
        }
    }

    @Test
    void theWholeSetReplaysInOneBatch() throws Exception {
        List<WorkflowExecutionHistory> all = histories().stream().map(HistoryFiles::load).toList();
        ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(all, false, worker);
        assertFalse(results.hadAnyError(), () -> results.allErrors().stream()
                .map(e -> e.workflowId + ": " + e.exception).collect(Collectors.joining("\n")));
    }

    @Test
    void everyScenarioHasARecordedHistoryAndEveryHistoryAScenario() {
        Set<String> scenarios = HistoryScenarios.all().stream().map(Scenario::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> recorded = histories().stream().map(HistoryFiles::scenarioOf).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scenarios, recorded, "record missing histories with HistoryRecorder; delete orphaned ones");
        assertTrue(histories().stream().filter(f -> f.startsWith("continue_as_new.segment")).count() >= 3,
                "the continue-as-new run is recorded segment by segment");
        assertTrue(histories().contains("child_run.child.json"), "the child run's own history is recorded");
    }
}
