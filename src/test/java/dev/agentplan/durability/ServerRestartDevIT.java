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
import dev.agentplan.server.DevServer;
import dev.agentplan.server.RealServer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Server restart survival, on the real Temporal server only (the Java test server loses every
 * run when it stops). A dev server with a SQLite file runs as a child process, a sticky
 * production worker in another; runs write to a loopback ledger. The dev server is SIGKILLed
 * while runs are mid-call (a chain), inside a parallel {@code for each}, waiting for an approval,
 * in a durable {@code wait} and in an {@code await signal}; it is restarted on the same file and
 * port (the worker and the client reconnect by themselves). The approval and the signal are given
 * after the restart. Every run must complete with the right output, every call applied to the
 * ledger exactly once, and every history must replay. Figures go to the report output and to
 * {@code target/server-restart/summary.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerRestartDevIT {

    private static final String QUEUE = "agentplan-restart";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Path logs;
    private Path db;
    private Ledger ledger;
    private DevServer server;
    private ChildJvm worker;
    private WorkflowServiceStubs service;
    private WorkflowClient client;

    private record PlannedRun(String account, WorkflowStub stub, long expectedTotal, int calls) {
    }

    /** Each test is reported skipped (with the reason) when there is no CLI; CI=true fails instead. */
    @BeforeEach
    void needsTheCli() {
        RealServer.cliOrSkip();
    }

    @BeforeAll
    void start() throws Exception {
        if (DevServer.locateCli().isEmpty() && !RealServer.required()) {
            return; // needsTheCli skips every test
        }
        logs = Path.of(System.getProperty("basedir", "."), "target", "server-restart");
        Files.createDirectories(logs);
        db = logs.resolve("restart.db");
        for (String f : List.of("restart.db", "restart.db-wal", "restart.db-shm", "restart.db.lock")) {
            Files.deleteIfExists(logs.resolve(f));
        }
        ledger = new Ledger(250);
        server = RealServer.start(db, ChildJvm.freePort(), List.of(), List.of());
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
        client = WorkflowClient.newInstance(service);
        worker = ChildJvm.start("worker", logs, CrashWorkerMain.class.getName(), server.address(), QUEUE, "sticky");
        worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (service != null) {
            service.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

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
                .setTaskQueue(QUEUE).setWorkflowId("restart-" + account)
                .setWorkflowTaskTimeout(Duration.ofSeconds(5)).build());
        stub.start(new RunRequest(def, inputs, null));
        return new PlannedRun(account, stub, expectedTotal, calls);
    }

    private PlannedRun around(String plan, String account, int seed) {
        ArrayNode before = items(0, 5, seed);
        ArrayNode after = items(5, 10, seed);
        ObjectNode in = HistoryScenarios.JSON.createObjectNode();
        in.set("before", before);
        in.set("after", after);
        return start(plan, account, in, sum(before, after), before.size() + after.size());
    }

    private PlannedRun list(String plan, String account, int n, int seed) {
        ArrayNode items = items(0, n, seed);
        ObjectNode in = HistoryScenarios.JSON.createObjectNode();
        in.set("items", items);
        return start(plan, account, in, sum(items), items.size());
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

    @Test
    void everyRunSurvivesASigkilledServerAndEveryCallIsAppliedOnce() throws Exception {
        long t0 = System.nanoTime();
        List<PlannedRun> runs = new ArrayList<>();
        PlannedRun gated = around("crash_gated", "gated", 1);
        PlannedRun waiting = around("crash_wait", "wait", 2);
        PlannedRun signalled = around("crash_signal", "signal", 3);
        runs.addAll(List.of(gated, waiting, signalled));
        Runs.awaitStatus(gated.stub(), s -> s.state() == RunState.WAITING_APPROVAL, PATIENCE);
        Runs.awaitStatus(waiting.stub(), s -> s.state() == RunState.WAITING_TIMER, PATIENCE);
        Runs.awaitStatus(signalled.stub(), s -> s.state() == RunState.WAITING_SIGNAL, PATIENCE);
        runs.add(list("crash_chain", "chain-1", 30, 4));
        runs.add(list("crash_chain", "chain-2", 30, 5));
        runs.add(list("crash_fanout", "fanout-1", 40, 6));
        runs.add(list("crash_fanout", "fanout-2", 40, 7));
        int appliedBefore = ledger.applied();
        await(() -> ledger.applied() >= appliedBefore + 8 && ledger.inFlight("fanout-") >= 2 && ledger.inFlight("chain-") >= 1,
                "chain and parallel for each writes in flight");
        String inFlight = ledger.inFlight("chain-") + " chain and " + ledger.inFlight("fanout-") + " fanout writes in flight";

        long killedAt = System.nanoTime();
        long serverPid = server.pid();
        server.kill();
        int appliedBeforeKill = ledger.applied();
        Thread.sleep(2_000); // down for a while: the worker's calls end, their results have nowhere to go
        long restartBegan = System.nanoTime();
        server = DevServer.start(server.options());
        long restartedAt = System.nanoTime();
        // awaited from now on, so each run's completion time is when it completed
        List<CompletableFuture<long[]>> doneAt = new ArrayList<>();
        List<CompletableFuture<RunResult>> results = new ArrayList<>();
        for (PlannedRun run : runs) {
            CompletableFuture<RunResult> f = run.stub().getResultAsync(RunResult.class);
            results.add(f);
            doneAt.add(f.thenApply(r -> new long[] {System.nanoTime()}));
        }

        Runs.update(gated.stub(), InterpreterWorkflow.DECIDE, String.class,
                new GateDecision("payout_ok", true, "ops", "approved after the restart"));
        signalled.stub().signal(InterpreterWorkflow.SIGNAL, "go", HistoryScenarios.JSON.readTree("{\"word\":\"after the restart\"}"));

        List<String> perRun = new ArrayList<>();
        long allDone = restartedAt;
        int plannedCalls = 0;
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            RunResult r = results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            long at = doneAt.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS)[0];
            allDone = Math.max(allDone, at);
            assertEquals(RunState.COMPLETED, r.status(), run.account() + ": " + r.error());
            assertEquals(run.expectedTotal(), r.output().get("total").asLong(), run.account() + " total");
            assertEquals(run.expectedTotal(), ledger.total(run.account()), run.account() + ": the ledger agrees");
            if (run == gated) {
                assertEquals("ops", r.output().get("approver").asText());
            } else if (run == signalled) {
                assertEquals("after the restart", r.output().get("said").asText(), "the signal sent after the restart");
            } else if (run == waiting) {
                assertTrue(r.output().get("waited").asBoolean());
            } else {
                assertEquals(run.calls(), r.output().get("calls").asInt(), run.account() + " calls");
            }
            plannedCalls += run.calls();
            perRun.add(String.format("  %-9s %3d calls, completed %5.1f s after the restart", run.account(), run.calls(),
                    seconds(at - restartedAt)));
        }

        int delivered = ledger.deliveries().values().stream().mapToInt(Integer::intValue).sum();
        long appliedTwice = ledger.applicationsByCall().values().stream().filter(n -> n > 1).count();
        assertEquals(0, ledger.conflicts(), "no idempotency key was reused for another request");
        assertEquals(0, ledger.badRequests());
        assertEquals(plannedCalls, ledger.applied(), "one ledger entry (idempotency key) per call the plans make");
        assertEquals(plannedCalls, ledger.applicationsByCall().size(), "every logical call reached the ledger");
        assertEquals(0, appliedTwice, "no call was applied twice (under another key)");

        int replayed = replayEveryHistory(runs);
        long moving = ledger.firstAppliedAfter(restartedAt);
        List<String> lines = new ArrayList<>();
        lines.add("ServerRestartDevIT figures (real Temporal dev server, SQLite, sticky worker)");
        lines.add(String.format("  runs %d, dev server SIGKILLed once (pid %d) with %s, 1 run waiting for approval, "
                + "1 in a durable wait, 1 in an await signal", runs.size(), serverPid, inFlight));
        lines.add(String.format("  server down %.1f s (restart on the same file took %.1f s); ledger writes again %s after the restart",
                seconds(restartedAt - killedAt), seconds(restartedAt - restartBegan),
                moving < 0 ? "(never)" : String.format("%.1f s", seconds(moving - restartedAt))));
        lines.add(String.format("  completed %d of %d, lost 0, calls %d, ledger entries %d (%d applied before the kill), deliveries %d (%d repeats absorbed by the idempotency key), duplicates applied %d",
                runs.size(), runs.size(), plannedCalls, ledger.applied(), appliedBeforeKill, delivered, delivered - ledger.applied(),
                appliedTwice));
        lines.add(String.format("  approval and signal given after the restart took effect; all runs completed %.1f s after the "
                + "restart, %.1f s after the start; %d histories replay", seconds(allDone - restartedAt), seconds(allDone - t0), replayed));
        lines.addAll(perRun);
        String summary = String.join("\n", lines);
        System.out.println(summary);
        Files.writeString(logs.resolve("summary.txt"), summary + "\n", StandardCharsets.UTF_8);
    }

    private int replayEveryHistory(List<PlannedRun> runs) throws Exception {
        int n = 0;
        try (TestWorkflowEnvironment replayEnv = TestWorkflowEnvironment.newInstance()) {
            Worker replayer = DurabilityWorkers.create(replayEnv.getWorkerFactory(), "restart-replay", true, null);
            HistoryFiles.warmUp(replayer);
            for (PlannedRun run : runs) {
                WorkflowExecutionHistory h = client.fetchHistory(run.stub().getExecution().getWorkflowId());
                Files.writeString(logs.resolve(run.account() + ".history.json"), h.toJson(true), StandardCharsets.UTF_8);
                WorkflowReplayer.replayWorkflowExecution(h, replayer);
                n++;
            }
        }
        return n;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
