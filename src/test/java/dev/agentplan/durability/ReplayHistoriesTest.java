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
        Set<String> recorded = histories().stream().filter(f -> !f.startsWith(HistoryFiles.DEV_DIR + "/"))
                .map(HistoryFiles::scenarioOf).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scenarios, recorded, "record missing histories with HistoryRecorder; delete orphaned ones");
        Set<String> onDev = HistoryFiles.devNames().stream().map(HistoryFiles::scenarioOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(scenarios, onDev, "record missing real-server histories with HistoryRecorder -Dagentplan.recordOn=dev;"
                + " delete orphaned ones");
        assertTrue(HistoryFiles.devNames().stream().filter(f -> f.startsWith("dev/continue_as_new.segment")).count() >= 3,
                "the continue-as-new run is recorded segment by segment on the real server too");
        assertTrue(histories().contains("dev/child_run.child.json"), "the real server's child run history is recorded");
        assertTrue(histories().stream().filter(f -> f.startsWith("continue_as_new.segment")).count() >= 3,
                "the continue-as-new run is recorded segment by segment");
        assertTrue(histories().contains("child_run.child.json"), "the child run's own history is recorded");
    }

    /** The change id of {@code Waits.SUMMARISED_WAIT_TIMERS} (never renamed: histories hold it). */
    static final String SUMMARISED_WAIT_TIMERS = "agentplan-summarised-wait-timers";

    static List<String> devHistories() {
        return HistoryFiles.devNames();
    }

    /** What the real server recorded besides the commands: the summaries Temporal's UI shows, the memo. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("devHistories")
    void realServerHistoriesCarryTheSummariesAndTheMemo(String file) {
        DevHistories.assertSummarised(HistoryFiles.load(file));
    }

    /**
     * Both sides of {@code agentplan-summarised-wait-timers} are in the suite: runs from before it
     * (recorded on the test server, an approval and a signal timeout each waited through the SDK's
     * await) and runs since (recorded on the dev server, with the marker); the tests above replay all.
     */
    @Test
    void theSummarisedWaitTimersChangeReplaysOnBothBranches() {
        for (String scenario : List.of("approval_update", "signal_wait", "cancelled", "intent_handlers")) {
            WorkflowExecutionHistory before = HistoryFiles.load(scenario + ".json");
            WorkflowExecutionHistory since = HistoryFiles.load(HistoryFiles.DEV_DIR + "/" + scenario + ".json");
            assertFalse(DevHistories.versionChanges(before).contains(SUMMARISED_WAIT_TIMERS), scenario);
            assertTrue(before.getEvents().stream().anyMatch(e -> e.getEventType()
                    == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED), scenario + ": a timeout timer");
            assertTrue(DevHistories.versionChanges(since).contains(SUMMARISED_WAIT_TIMERS), "dev/" + scenario);
        }
    }
}
