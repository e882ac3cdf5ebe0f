package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.durability.HistoryScenarios.Scenario;
import dev.agentplan.runtime.DefinitionResolver;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunMemo;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.server.DevServer;
import dev.agentplan.server.RealServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ReplayHistoriesTest} replays. Off by default; it never runs in a
 * normal build.
 *
 * <h2>Recording a new history</h2>
 * <ol>
 * <li>Write the plan as {@code src/test/resources/dev/agentplan/durability/plans/NAME.agent}, using
 *     only tools that need nothing outside the JVM: {@code echo}, {@code fail}, {@code sleep}, and
 *     {@code exec} of {@code /bin/echo}.</li>
 * <li>Add a {@link Scenario} for it to {@link HistoryScenarios#all()}: its inputs, what a client does
 *     while it runs (approve, signal, cancel) and what the run must show.</li>
 * <li>Record it (and only it: the other files stay byte for byte as they are):
 *     <pre>mvn -o -q -B test -Dtest=HistoryRecorder -Dagentplan.recordHistories=NAME</pre>
 *     ({@code -Dagentplan.recordHistories=true} re-records every scenario; a comma-separated list
 *     records those). The run happens on an in-process Temporal test server with real time, with
 *     the production worker ({@code AgentWorker.create}) and the built-in tools. Each history is
 *     written as {@code histories/NAME.json} (exported with {@code WorkflowExecutionHistory.toJson(true)});
 *     a run that continues as new writes one file per segment ({@code NAME.segment1.json}, …) and a
 *     child run's own history goes to {@code NAME.child.json}. Every history is replayed once before
 *     it is written.</li>
 * <li>Commit the plan, the scenario and the JSON files. From then on every build replays them.</li>
 * </ol>
 * <h2>On the real Temporal server</h2>
 * With {@code -Dagentplan.recordOn=dev} the same scenarios run on the Temporal CLI's dev server (the
 * real server, found as the {@code *DevIT} tests find it: {@code AGENTPLAN_TEMPORAL_CLI},
 * {@code .tools/temporal-venv}, the PATH) with a sticky worker, and started as {@code agentplan run}
 * starts runs (memo, search attributes, summary). The histories go to {@code histories/dev/}, with the
 * same names; every build replays them too. They are what a production server writes: workflow ids
 * and real timestamps in every event, the events' user metadata (the summaries the UI shows),
 * sticky-queue workflow tasks, and the server's own event order around updates and cancels:
 *     <pre>mvn -o -q -B test -Dtest=HistoryRecorder -Dagentplan.recordHistories=true -Dagentplan.recordOn=dev</pre>
 * Re-record a history only on purpose: a recorded history stands for runs already in flight. If an
 * interpreter change makes one fail to replay, the change must be guarded with
 * {@code Workflow.getVersion} (see {@code InterpreterWorkflowImpl}), not the history re-recorded.
 */
@EnabledIfSystemProperty(named = "agentplan.recordHistories", matches = ".+")
class HistoryRecorder {

    private static final String QUEUE = "agentplan-history-recorder";

    @Test
    void record() throws Exception {
        List<Scenario> scenarios = selected(System.getProperty("agentplan.recordHistories"));
        String on = System.getProperty("agentplan.recordOn", "test");
        assertTrue(on.equals("test") || on.equals("dev"), "-Dagentplan.recordOn is test (the default) or dev, not " + on);
        boolean dev = on.equals("dev");
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve(HistoryFiles.SOURCE_DIR
                + (dev ? "/" + HistoryFiles.DEV_DIR : ""));
        Files.createDirectories(dir);
        PinnedDefinition child = DurabilityPlans.pin(HistoryScenarios.CHILD_AGENT, 1);
        DefinitionResolver resolver = (agent, ref) ->
                agent.equals(HistoryScenarios.CHILD_AGENT) && HistoryScenarios.CHILD_REF.equals(ref) ? child : null;
        if (dev) {
            onDevServer(scenarios, dir, resolver);
            return;
        }
        // Real time (no skipping): the scenarios' timers are short, and clients talk to waiting runs.
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
             var model = HistoryScenarios.scriptedModel()) {
            Worker worker = DurabilityWorkers.create(env.getWorkerFactory(), QUEUE, false, resolver, llm(model));
            env.start();
            recordAll(env.getWorkflowClient(), worker, scenarios, dir, false);
        }
    }

    /** The real server: a dev server of its own (in memory: the histories are the point), a sticky worker. */
    private static void onDevServer(List<Scenario> scenarios, Path dir, DefinitionResolver resolver) throws Exception {
        try (DevServer server = RealServer.start(null, List.of(), List.of());
             var model = HistoryScenarios.scriptedModel()) {
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
            WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
            try {
                Worker worker = DurabilityWorkers.create(factory, QUEUE, false, resolver, llm(model));
                factory.start();
                recordAll(factory.getWorkflowClient(), worker, scenarios, dir, true);
            } finally {
                factory.shutdownNow();
                factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                service.shutdownNow();
            }
        }
    }

    /** The worker's llm.chat pointed at the scripted model the model_loop scenarios talk to. */
    private static Map<String, String> llm(dev.agentplan.runtime.loop.ScriptedModelServer model) {
        return Map.of("AGENTPLAN_LLM_BASE_URL", model.baseUrl(), "AGENTPLAN_LLM_MODEL", "scripted-model");
    }

    private static void recordAll(WorkflowClient client, Worker worker, List<Scenario> scenarios, Path dir, boolean dev)
            throws Exception {
        for (Scenario scenario : scenarios) {
            Map<String, WorkflowExecutionHistory> files = record(client, scenario, dev);
            for (WorkflowExecutionHistory history : files.values()) {
                // Exactly what the replay test will read back.
                WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(history.toJson(true)), worker);
                if (dev) {
                    DevHistories.assertSummarised(history);
                }
            }
            write(dir, scenario.name(), files);
            System.out.println("recorded " + scenario.name() + (dev ? " on the dev server" : "") + ": " + files.keySet());
        }
    }

    private static List<Scenario> selected(String which) {
        List<Scenario> all = HistoryScenarios.all();
        if (which.equals("true")) {
            return all;
        }
        Set<String> names = Arrays.stream(which.split(",")).map(String::trim).collect(Collectors.toSet());
        List<Scenario> chosen = all.stream().filter(s -> names.contains(s.name())).toList();
        assertEquals(names.size(), chosen.size(), "unknown scenario among " + names);
        return chosen;
    }

    /** Runs the scenario and returns its histories by file name. */
    private static Map<String, WorkflowExecutionHistory> record(WorkflowClient client, Scenario scenario, boolean dev)
            throws Exception {
        String id = "history-" + scenario.name();
        PinnedDefinition pinned = DurabilityPlans.pin(scenario.plan(), 1);
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id);
        if (dev) { // as agentplan run starts a run on a server with agentplan's search attributes
            options.setMemo(RunMemo.of(pinned)).setStaticSummary(RunMemo.summary(pinned))
                    .setTypedSearchAttributes(SearchAttributes.newBuilder()
                            .set(SearchAttributeKey.forKeyword(RunMemo.AGENT_ATTRIBUTE), pinned.name())
                            .set(SearchAttributeKey.forLong(RunMemo.VERSION_ATTRIBUTE), (long) pinned.version()).build());
        }
        WorkflowStub run = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, options.build());
        run.start(new RunRequest(pinned, scenario.inputsJson(), null, scenario.continueAsNewAfterEvents()));
        scenario.driver().drive(run);
        RunResult result = run.getResult(60, java.util.concurrent.TimeUnit.SECONDS, RunResult.class);

        List<WorkflowExecutionHistory> segments = new ArrayList<>();
        String runId = run.getExecution().getRunId();
        while (runId != null) {
            WorkflowExecutionHistory history = withWorkflowId(client.fetchHistory(id, runId), id);
            segments.add(history);
            HistoryEvent last = history.getLastEvent();
            runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId() : null;
        }
        scenario.check().check(result, segments);

        Map<String, WorkflowExecutionHistory> files = new LinkedHashMap<>();
        if (segments.size() == 1) {
            files.put(scenario.name() + ".json", segments.get(0));
        } else {
            for (int i = 0; i < segments.size(); i++) {
                files.put(scenario.name() + ".segment" + (i + 1) + ".json", segments.get(i));
            }
        }
        for (HistoryEvent e : HistoryScenarios.events(segments, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)) {
            var started = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
            files.put(scenario.name() + ".child.json", withWorkflowId(
                    client.fetchHistory(started.getWorkflowId(), started.getRunId()), started.getWorkflowId()));
        }
        return files;
    }

    /**
     * The history with its workflow id in the start event, as a real Temporal server exports it
     * (the test server leaves it empty). A replay reads it from there: the interpreter derives child
     * workflow ids from its own, so a child run replays only under the id it was recorded with.
     */
    private static WorkflowExecutionHistory withWorkflowId(WorkflowExecutionHistory history, String workflowId) {
        History h = history.getHistory();
        HistoryEvent first = h.getEvents(0);
        WorkflowExecutionStartedEventAttributes started = first.getWorkflowExecutionStartedEventAttributes();
        if (!started.getWorkflowId().isEmpty()) {
            return history;
        }
        HistoryEvent named = first.toBuilder()
                .setWorkflowExecutionStartedEventAttributes(started.toBuilder().setWorkflowId(workflowId)).build();
        return new WorkflowExecutionHistory(h.toBuilder().setEvents(0, named).build(), workflowId);
    }

    /** Replaces the scenario's files (a re-recorded run may have fewer segments than before). */
    private static void write(Path dir, String scenario, Map<String, WorkflowExecutionHistory> files) throws IOException {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".json") && HistoryFiles.scenarioOf(n).equals(scenario)) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, WorkflowExecutionHistory> f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue().toJson(true) + "\n", StandardCharsets.UTF_8);
        }
    }
}
