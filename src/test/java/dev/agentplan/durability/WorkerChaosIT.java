package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Worker chaos: 24 runs of ledger writes (chains and parallel {@code for each}es) served by two
 * worker processes, one of which is SIGKILLed at a random moment (seeded) every few seconds and
 * replaced at once, six times. Every run must complete with the ledger's totals, no call applied
 * twice. Reports completed, lost, stuck, duplicates and the time to recovery; on the in-memory
 * server here (non-sticky workers), on the real dev server with sticky workers in
 * {@link WorkerChaosDevIT}. Figures: {@code target/NAME/summary.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerChaosIT {

    private static final String QUEUE = "agentplan-chaos";
    private static final int RUNS = 24;
    private static final int KILLS = 6;
    private static final long SEED = 20_251_206L;
    private static final Duration PATIENCE = Duration.ofSeconds(150);

    private Path logs;
    private Ledger ledger;
    private ChildJvm server;
    private final List<ChildJvm> workers = new ArrayList<>();
    private int started;
    private WorkflowServiceStubs service;
    private WorkflowClient client;

    private record PlannedRun(String account, WorkflowStub stub, long expectedTotal, int calls) {
    }

    String name() {
        return "worker-chaos";
    }

    String serverName() {
        return "Java test server (in memory), non-sticky workers";
    }

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

    boolean sticky() {
        return false;
    }

    @BeforeAll
    void startServerAndLedger() throws Exception {
        logs = Path.of(System.getProperty("basedir", "."), "target", name());
        Files.createDirectories(logs);
        ledger = new Ledger(150);
        String address = startServer(logs);
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        client = WorkflowClient.newInstance(service);
    }

    @AfterAll
    void stopEverything() {
        workers.forEach(ChildJvm::close);
        if (service != null) {
            service.shutdownNow();
        }
        stopServer();
        if (ledger != null) {
            ledger.close();
        }
    }

    private ChildJvm startWorker() throws InterruptedException {
        started++;
        String target = service.getOptions().getTarget();
        ChildJvm w = sticky()
                ? ChildJvm.start("worker-" + started, logs, CrashWorkerMain.class.getName(), target, QUEUE, "sticky")
                : ChildJvm.start("worker-" + started, logs, CrashWorkerMain.class.getName(), target, QUEUE);
        workers.add(w);
        w.awaitOutput(CrashWorkerMain.READY, PATIENCE);
        return w;
    }

    private PlannedRun start(int n) {
        boolean fanout = n % 3 == 0;
        ArrayNode items = HistoryScenarios.JSON.createArrayNode();
        long total = 0;
        int count = fanout ? 16 : 20;
        for (int i = 0; i < count; i++) {
            long amount = (i * 7 + n * 13) % 50 + 1;
            items.addObject().put("i", i).put("amount", amount);
            total += amount;
        }
        String account = (fanout ? "fanout-" : "chain-") + n;
        ObjectNode in = HistoryScenarios.JSON.createObjectNode();
        in.set("items", items);
        in.put("ledger", ledger.url());
        in.put("account", account);
        PinnedDefinition def = DurabilityPlans.pin(DurabilityPlans.CRASH_DIR, fanout ? "crash_fanout" : "crash_chain", 1);
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(name() + "-" + account)
                .setWorkflowTaskTimeout(Duration.ofSeconds(5)).build());
        stub.start(new RunRequest(def, in, null));
        return new PlannedRun(account, stub, total, count);
    }

    @Test
    void runsSurviveRandomWorkerKillsWithReplacements() throws Exception {
        startWorker();
        startWorker();
        long t0 = System.nanoTime();
        List<PlannedRun> runs = new ArrayList<>();
        List<CompletableFuture<Long>> doneAt = new ArrayList<>();
        List<CompletableFuture<RunResult>> results = new ArrayList<>();
        for (int n = 1; n <= RUNS; n++) {
            PlannedRun run = start(n);
            runs.add(run);
            CompletableFuture<RunResult> f = run.stub().getResultAsync(RunResult.class);
            results.add(f);
            doneAt.add(f.handle((r, e) -> System.nanoTime()));
        }
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        long lastKill = t0;
        for (int k = 1; k <= KILLS; k++) {
            Thread.sleep(1_000 + random.nextInt(2_500));
            List<ChildJvm> alive = workers.stream().filter(ChildJvm::isAlive).toList();
            ChildJvm victim = alive.get(random.nextInt(alive.size()));
            int inFlight = ledger.inFlight("");
            lastKill = System.nanoTime();
            victim.kill();
            startWorker();
            long ready = System.nanoTime();
            kills.add(String.format("  kill %d: %s at %.1f s (%d writes in flight), replacement ready after %.1f s",
                    k, victim.name, (lastKill - t0) / 1e9, inFlight, (ready - lastKill) / 1e9));
        }

        int completed = 0;
        int lost = 0;
        int stuck = 0;
        long allDone = lastKill;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            PlannedRun run = runs.get(i);
            try {
                RunResult r = results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                allDone = Math.max(allDone, doneAt.get(i).get());
                if (r.status() == RunState.COMPLETED && r.output().get("total").asLong() == run.expectedTotal()
                        && ledger.total(run.account()) == run.expectedTotal()) {
                    completed++;
                } else {
                    lost++;
                    problems.add(run.account() + ": " + r.status() + " " + r.error() + " output " + r.output());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                stuck++;
                problems.add(run.account() + ": stuck (no result " + PATIENCE + " after the kills)");
            } catch (java.util.concurrent.ExecutionException e) {
                lost++;
                problems.add(run.account() + ": " + e.getCause());
            }
        }
        int calls = runs.stream().mapToInt(PlannedRun::calls).sum();
        long duplicates = ledger.applicationsByCall().values().stream().filter(n -> n > 1).count();
        int delivered = ledger.deliveries().values().stream().mapToInt(Integer::intValue).sum();
        List<String> lines = new ArrayList<>();
        lines.add(getClass().getSimpleName() + " figures (" + serverName() + ", seed " + SEED + ")");
        lines.add(String.format("  runs %d: completed %d, lost %d, stuck %d; calls %d, ledger entries %d, deliveries %d, "
                + "duplicates applied %d; %d SIGKILLs, %d worker processes", RUNS, completed, lost, stuck, calls,
                ledger.applied(), delivered, duplicates, KILLS, started));
        lines.add(String.format("  all runs completed %.1f s after the last kill (time to recovery), %.1f s after the start",
                (allDone - lastKill) / 1e9, (allDone - t0) / 1e9));
        lines.addAll(kills);
        problems.forEach(p -> lines.add("  problem: " + p));
        String summary = String.join("\n", lines);
        System.out.println(summary);
        Files.writeString(logs.resolve("summary.txt"), summary + "\n", StandardCharsets.UTF_8);

        assertEquals(List.of(), problems);
        assertEquals(RUNS, completed);
        assertEquals(0, duplicates, "no call applied twice");
        assertEquals(calls, ledger.applied(), "one ledger entry per call");
        assertEquals(0, ledger.conflicts());
    }
}
