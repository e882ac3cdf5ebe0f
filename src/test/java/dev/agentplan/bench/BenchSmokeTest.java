package dev.agentplan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import dev.agentplan.validate.PlanValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark's code path once with tiny sizes so the benchmarks cannot rot. It checks
 * shapes and sanity (both sides measured, positive figures, equal events), never speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {

    @TempDir
    Path dir;

    private BenchServer server;
    private RuntimeBenchmark benchmark;

    @BeforeAll
    void startServer() {
        server = BenchServer.open("embedded");
        benchmark = new RuntimeBenchmark(server, null);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void runtimeWorkloadsMeasureBothSidesWithEqualEvents() throws Exception {
        RuntimeBenchmark.ColdStart cold = benchmark.coldStart(); // also the warm-up
        assertTrue(cold.handMillis() > 0 && cold.interpreterMillis() > 0, cold.describe());
        List<WorkloadResult> results = benchmark.run(Workload.smoke());
        assertEquals(Workload.smoke().size(), results.size());
        for (WorkloadResult r : results) {
            String what = RuntimeBenchmark.summaryLine(r);
            for (SideFigures side : List.of(r.hand(), r.interpreter())) {
                assertEquals(r.workload().rounds() * r.workload().runsAtOnce(), side.runs(), what);
                assertTrue(side.medianMillis() > 0 && side.p95Millis() >= side.medianMillis(), what);
                assertTrue(side.runsPerSecond() > 0, what);
                assertTrue(side.eventsPerRun() >= 5 + 3L * r.workload().callsPerRun(), what);
                assertTrue(side.bytesPerRun() > side.startEventBytes() && side.startEventBytes() > 0, what);
                assertEquals(r.workload().callsPerRun(), side.eventsByType().get("ActivityTaskScheduled"), what);
                assertEquals(r.workload().callsPerRun(), side.eventsByType().get("ActivityTaskCompleted"), what);
            }
            assertTrue(r.eventsEqualOrOnlyTaskBatching(), what);
            assertTrue(r.decodesPerRun() >= 1, "each interpreter run decodes its plan: " + what);
        }
        WorkloadResult chain = results.get(0);
        assertEquals(5 + 6 * 3, chain.hand().eventsPerRun(), "a 3-call chain: 5 events + 6 per call");
        assertEquals("", chain.eventDifference(), "the interpreter issues no extra events for a chain");

        Path csv = dir.resolve("runtime.csv");
        RuntimeResults.write(csv, MachineFacts.now(), List.of("smoke"), results);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("# date: "), lines.get(0));
        assertEquals(results.size(), lines.stream().filter(l -> l.startsWith("embedded,")).count());
    }

    @Test
    void bothSidesScheduleTheSameActivityWithTheSameOptions() {
        RunStarter starter = new RunStarter(server.client());
        List<ActivityTaskScheduledEventAttributes> scheduled = new java.util.ArrayList<>();
        for (Side side : Side.values()) {
            StartedRun run = starter.start(side, Shape.CHAIN, 2, 0);
            run.latencyMillis();
            HistoryStats h = HistoryStats.fetch(server.client(), run.workflowId(), run.firstRunId());
            scheduled.add(h.segments().get(0).getEvents().stream().filter(e -> e.hasActivityTaskScheduledEventAttributes())
                    .findFirst().orElseThrow().getActivityTaskScheduledEventAttributes());
        }
        ActivityTaskScheduledEventAttributes hand = scheduled.get(0);
        ActivityTaskScheduledEventAttributes interpreter = scheduled.get(1);
        assertEquals("echo", hand.getActivityType().getName());
        assertEquals(hand.getActivityType(), interpreter.getActivityType());
        assertEquals(hand.getTaskQueue().getName(), interpreter.getTaskQueue().getName());
        assertEquals(hand.getStartToCloseTimeout(), interpreter.getStartToCloseTimeout());
        assertEquals(hand.getScheduleToCloseTimeout(), interpreter.getScheduleToCloseTimeout());
        assertEquals(hand.getHeartbeatTimeout(), interpreter.getHeartbeatTimeout());
        assertEquals(hand.getRetryPolicy(), interpreter.getRetryPolicy());
    }

    @Test
    void aDurationBudgetsExtraEventsAreReported() {
        String diff = benchmark.durationBudgetEvents();
        assertTrue(diff.equals("none") || diff.matches("[+-]\\d+ \\w+(, [+-]\\d+ \\w+)*"), diff);
    }

    @Test
    void replayReplaysBothSidesInBothModes() {
        List<ReplayBenchmark.Row> rows = new ReplayBenchmark(null).run(List.of(3), 0, 1);
        assertEquals(4, rows.size(), "2 sides x 2 modes");
        for (ReplayBenchmark.Row r : rows) {
            assertEquals(5 + 6 * 3, r.events(), r.toString());
            assertEquals(1, r.segments(), r.toString());
            assertTrue(r.medianMillis() > 0 && r.bytes() > 0, r.toString());
        }
    }

    @Test
    void scaleLoopCompletesAndReportsItsSegments() {
        ScaleBenchmark.Result r = ScaleBenchmark.run(server, new RunStarter(server.client()), Side.INTERPRETER, 4, null);
        assertEquals(1, r.segments());
        assertEquals(5 + 6 * 4, r.events());
        assertEquals(r.events(), r.largestSegmentEvents());
        assertTrue(r.peakHeapUsedBytes() > 0 && r.seconds() > 0, r.toString());
    }

    @Test
    void languageWorkParsesAndValidatesGeneratedPlansInBothForms() {
        PlanValidator validator = PlanValidator.withBuiltinTools();
        for (int steps : new int[] {1, 10, 100}) {
            LanguageWork.Plan plan = LanguageWork.plan(steps);
            assertEquals(steps, plan.steps());
            AgentDefinition fromText = LanguageWork.parseAgent(plan.agentText(), validator);
            AgentDefinition fromJson = LanguageWork.parseJson(plan.json(), validator);
            assertEquals(fromText, fromJson, "the two forms give the same model");
            assertNotNull(LanguageWork.jackson(plan.json()).get("steps"));
            assertTrue(plan.lines() > plan.steps(), "lines " + plan.lines());
        }
    }

    @Test
    void childRunsAreMeasured() {
        ChildRun.Measured m = ChildRun.run(List.of(ChildJava.javaBinary(), "-version"), dir, 60);
        assertEquals(0, m.exitCode(), m.output());
        assertTrue(m.wallMillis() > 0, m.toString());
        assertTrue(m.peakRssKib() > 1024, "a JVM uses more than 1 MiB: " + m);
        assertTrue(m.output().contains("version"), m.output());
    }

    @Test
    void csvFilesCarryTheMachineFacts() throws Exception {
        Map<String, String> facts = MachineFacts.now();
        assertFalse(facts.get("cores").isEmpty());
        Path file = dir.resolve("x.csv");
        new CsvFile("a", "b").note("n").row(1.5, "x,y").write(file, facts);
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("a,b"), lines.toString());
        assertTrue(lines.contains("1.500,\"x,y\""), lines.toString());
    }
}
