package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The crash test. A standalone Temporal test server runs in its own process, the production
 * worker in another; the test JVM starts several multi-step runs whose tool calls are writes to a
 * loopback ledger (built-in {@code http} tool, {@code Idempotency-Key} header), and kills the
 * worker with SIGKILL three times: while ledger writes of a parallel {@code for each} are in
 * flight, while a chain's write is in flight, and while runs wait for an approval (approved through
 * the update once the next worker is up). A fresh worker process follows each kill.
 *
 * <p>It asserts that every run completes with the right output and that every call the plans
 * make was applied to the ledger exactly once: one entry per idempotency key, the number of keys
 * equal to the number of calls, every logical call applied once, the ledger's totals equal to the
 * runs' outputs. Afterwards each run's history (crashes, retries and all) replays against the
 * current interpreter. The figures are printed (failsafe report output) and written to
 * {@code target/crash-recovery/summary.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryIT {

    private static final String QUEUE = "agentplan-crash";
    private static final long LEDGER_DELAY_MILLIS = 250;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Path logs;
    private Ledger ledger;
    private ChildJvm server;
    private ChildJvm worker;
    private int workers;
    private WorkflowServiceStubs service;
    private WorkflowClient client;

    /** One run of the test and what it must end with. */
    private record PlannedRun(String account, WorkflowStub stub, long expectedTotal, int calls) {
    }

    /** A run's result and when the client saw it. */
    private record Done(RunResult result, long atNanos) {
    }

    /** One SIGKILL and how the system came back from it. */
    private record Kill(String where, long atNanos, long workerReadyNanos) {
    }

    /** The log directory's name under target/. */
    String name() {
        return "crash-recovery";
    }

    /** Which server this runs on, for the figures. */
    String serverName() {
        return "Java test server (in memory), non-sticky workers";
    }

    /** Starts the Temporal server and returns its address. */
    String startServer(Path logDir) throws Exception {
        int port = ChildJvm.freePort();
        server = ChildJvm.start("test-server", logDir, "io.temporal.testserver.TestServer", String.valueOf(port));
        server.awaitPort(port, PATIENCE);
        return "127.0.0.1:" + port;
    }

    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Whether workers keep sticky queues (only a server that expires a dead worker's sticky queue allows it). */
    boolean sticky() {
        return false;
    }

    @BeforeAll
    void startServerAndLedger() throws Exception {
        logs = Path.of(System.getProperty("basedir", "."), "target", name());
        Files.createDirectories(logs);
        ledger = new Ledger(LEDGER_DELAY_MILLIS);
        String address = startServer(logs);
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        client = WorkflowClient.newInstance(service);
    }

    @AfterAll
    void stopEverything() {
        if (worker != null) {
            worker.close();
        }
        if (service != null) {
            service.shutdownNow();
        }
        stopServer();
        if (ledger != null) {
            ledger.close();
        }
    }

    private ChildJvm startWorker() throws InterruptedException {
        workers++;
        ChildJvm w = sticky()
                ? ChildJvm.start("worker-" + workers, logs, CrashWorkerMain.class.getName(), target(), QUEUE, "sticky")
                : ChildJvm.start("worker-" + workers, logs, CrashWorkerMain.class.getName(), target(), QUEUE);
        worker = w;
        w.awaitOutput(CrashWorkerMain.READY, PATIENCE);
        return w;
    }

    private String target() {
        return service.getOptions().getTarget();
    }

    private Kill kill(String where) throws InterruptedException {
        long at = System.nanoTime();
        worker.kill();
        startWorker();
        return new Kill(where, at, System.nanoTime());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw: " + what);
            }
            Thread.sleep(5);
        }
    }

    // ---- the runs ----

    private static ArrayNode items(int from, int to, int seed) {
        ArrayNode items = HistoryScenarios.JSON.createArrayNode();
        for (int i = from; i < to; i++) {
            items.addObject().put("i", i).put("amount", (i * 7 + seed * 13) % 50 + 1);
        }
        return items;
    }

    private static long sum(ArrayNode... lists) {
        long total = 0;
        for (ArrayNode list : lists) {
            for (var item : list) {
                total += item.get("amount").asLong();
            }
        }
        return total;
    }

    private PlannedRun start(String plan, String account, ObjectNode inputs, long expectedTotal, int calls) {
        PinnedDefinition def = DurabilityPlans.pin(DurabilityPlans.CRASH_DIR, plan, 1);
        inputs.put("ledger", ledger.url());
        inputs.put("account", account);
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId("crash-" + account)
                // A workflow task held by a killed worker comes back after this long.
                .setWorkflowTaskTimeout(Duration.ofSeconds(5)).build());
        stub.start(new RunRequest(def, inputs, null));
        return new PlannedRun(account, stub, expectedTotal, calls);
    }

    private List<PlannedRun> startRuns() {
        List<PlannedRun> runs = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            ArrayNode items = items(0, 30, n);
            ObjectNode in = HistoryScenarios.JSON.createObjectNode();
            in.set("items", items);
            runs.add(start("crash_chain", "chain-" + n, in, sum(items), items.size()));
        }
        for (int n = 1; n <= 2; n++) {
            ArrayNode items = items(0, 24, 10 + n);
            ObjectNode in = HistoryScenarios.JSON.createObjectNode();
            in.set("items", items);
            runs.add(start("crash_fanout", "fanout-" + n, in, sum(items), items.size()));
        }
        for (int n = 1; n <= 2; n++) {
            ArrayNode before = items(0, 5, 20 + n);
            ArrayNode after = items(5, 10, 20 + n);
            ObjectNode in = HistoryScenarios.JSON.createObjectNode();
            in.set("before", before);
            in.set("after", after);
            runs.add(start("crash_gated", "gated-" + n, in, sum(before, after), before.size() + after.size()));
        }
        return runs;
    }

    @Test
    void everyRunCompletesAndEveryCallIsAppliedExactlyOnceAcrossWorkerKills() throws Exception {
        long t0 = System.nanoTime();
        startWorker();
        List<PlannedRun> runs = startRuns();
        // Results are awaited from the start, so each run's completion time is when it completed.
        List<CompletableFuture<Done>> results = new ArrayList<>();
        for (PlannedRun run : runs) {
            results.add(run.stub().getResultAsync(RunResult.class).thenApply(r -> new Done(r, System.nanoTime())));
        }
        List<Kill> kills = killThreeTimes(runs);
        long lastKill = kills.get(kills.size() - 1).atNanos();

        // Every run completes with the right output, which the ledger agrees with.
        List<String> perRun = new ArrayList<>();
        long allDone = lastKill;
        int plannedCalls = 0;
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            Done done = results.get(i).get(120, TimeUnit.SECONDS);
            assertCompletedRight(run, done.result());
            plannedCalls += run.calls();
            allDone = Math.max(allDone, done.atNanos());
            perRun.add(String.format("  %-9s %3d calls, completed %5.1f s after the start, %s", run.account(),
                    run.calls(), seconds(done.atNanos() - t0), done.atNanos() < lastKill ? "before the last kill"
                            : String.format("%.1f s after the last kill", seconds(done.atNanos() - lastKill))));
        }

        // Every call the plans make was applied exactly once.
        int delivered = ledger.deliveries().values().stream().mapToInt(Integer::intValue).sum();
        long appliedTwice = ledger.applicationsByCall().values().stream().filter(n -> n > 1).count();
        assertEquals(0, ledger.conflicts(), "no idempotency key was reused for another request");
        assertEquals(0, ledger.badRequests());
        assertEquals(plannedCalls, ledger.applied(), "one ledger entry (idempotency key) per call the plans make");
        assertEquals(plannedCalls, ledger.applicationsByCall().size(), "every logical call reached the ledger");
        assertEquals(0, appliedTwice, "no call was applied twice (under another key)");
        assertTrue(delivered > ledger.applied(),
                "a kill landed mid-call: some write was delivered again and absorbed by its key");

        int[] retriedAndLost = replayEveryHistory(runs);

        List<String> lines = new ArrayList<>();
        lines.add(getClass().getSimpleName() + " figures (" + serverName() + ")");
        lines.add(String.format("  runs %d, kills %d (SIGKILL), worker processes %d, completed %d", runs.size(),
                kills.size(), workers, runs.size()));
        lines.add(String.format("  calls %d, ledger entries %d, deliveries %d (%d repeats absorbed by the idempotency key),"
                + " duplicates applied %d", plannedCalls, ledger.applied(), delivered, delivered - ledger.applied(),
                appliedTwice));
        lines.add(String.format("  calls retried after a kill %d, workflow tasks lost with a worker %d",
                retriedAndLost[0], retriedAndLost[1]));
        for (int i = 0; i < kills.size(); i++) {
            Kill k = kills.get(i);
            long moving = ledger.firstAppliedAfter(k.workerReadyNanos());
            lines.add(String.format("  kill %d %s: new worker ready after %.1f s, ledger writes again after %s",
                    i + 1, k.where(), seconds(k.workerReadyNanos() - k.atNanos()),
                    moving < 0 ? "(no further writes)" : String.format("%.1f s", seconds(moving - k.atNanos()))));
        }
        lines.add(String.format("  all runs completed %.1f s after the last kill, %.1f s after the start",
                seconds(allDone - lastKill), seconds(allDone - t0)));
        lines.addAll(perRun);
        String summary = String.join("\n", lines);
        System.out.println(summary);
        Files.writeString(logs.resolve("summary.txt"), summary + "\n", StandardCharsets.UTF_8);
    }

    /**
     * SIGKILLs the worker inside a parallel for each, during a chain's call, and while runs wait
     * for approval (approved once the next worker is up); a fresh worker process follows each kill.
     */
    private List<Kill> killThreeTimes(List<PlannedRun> runs) throws InterruptedException {
        List<Kill> kills = new ArrayList<>();
        await(() -> ledger.inFlight("fanout-") >= 2, "ledger writes of a parallel for each in flight");
        kills.add(kill("inside a parallel for each (" + ledger.inFlight("fanout-") + " fanout writes in flight)"));

        int appliedBefore = ledger.applied();
        await(() -> ledger.applied() >= appliedBefore + 5 && ledger.inFlight("chain-") >= 1,
                "a chain's ledger write in flight after the restart");
        kills.add(kill("during a chain's tool call (" + ledger.inFlight("chain-") + " chain writes in flight)"));

        List<PlannedRun> gated = runs.stream().filter(r -> r.account().startsWith("gated-")).toList();
        for (PlannedRun g : gated) {
            Runs.awaitStatus(g.stub(), s -> !s.pendingApprovals().isEmpty(), PATIENCE);
        }
        kills.add(kill("while " + gated.size() + " runs wait for approval (" + ledger.inFlight("") + " writes in flight)"));
        for (PlannedRun g : gated) {
            Runs.update(g.stub(), InterpreterWorkflow.DECIDE, String.class,
                    new GateDecision("payout_ok", true, "ops", "approved after the crash"));
        }
        return kills;
    }

    private void assertCompletedRight(PlannedRun run, RunResult r) {
        assertEquals(RunState.COMPLETED, r.status(), run.account() + ": " + r.error());
        assertEquals(run.expectedTotal(), r.output().get("total").asLong(), run.account() + " total");
        if (run.account().startsWith("gated-")) {
            assertEquals("ops", r.output().get("approver").asText());
        } else {
            assertEquals(run.calls(), r.output().get("calls").asInt(), run.account() + " calls");
        }
        assertEquals(run.expectedTotal(), ledger.total(run.account()), run.account() + ": the ledger agrees");
    }

    /**
     * Replays each run's history (crashes, retries and all) against the current interpreter and
     * keeps it in the log directory.
     *
     * @return {calls retried (an attempt after the first started), workflow tasks that timed out}
     */
    private int[] replayEveryHistory(List<PlannedRun> runs) throws Exception {
        int retried = 0;
        int lost = 0;
        try (TestWorkflowEnvironment replayEnv = TestWorkflowEnvironment.newInstance()) {
            Worker replayer = DurabilityWorkers.create(replayEnv.getWorkerFactory(), "crash-replay", true, null);
            HistoryFiles.warmUp(replayer);
            for (PlannedRun run : runs) {
                WorkflowExecutionHistory h = client.fetchHistory(run.stub().getExecution().getWorkflowId());
                Files.writeString(logs.resolve(run.account() + ".history.json"), h.toJson(true), StandardCharsets.UTF_8);
                WorkflowReplayer.replayWorkflowExecution(h, replayer);
                for (HistoryEvent e : h.getEvents()) {
                    if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
                            && e.getActivityTaskStartedEventAttributes().getAttempt() > 1) {
                        retried++;
                    } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) {
                        lost++;
                    }
                }
            }
        }
        return new int[] {retried, lost};
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
