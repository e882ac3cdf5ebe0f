package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.IntentEvent;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An intent survives a SIGKILLed worker: a standalone test server and the production worker run
 * in their own processes; the test narrows a run's plan-wide {@code scope} while the run writes
 * to a loopback ledger, kills the worker in the middle of a write, starts a new one, and checks
 * that every write after the intent (those the new worker made included) carries the new scope,
 * and that each write was applied exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntentCrashIT {

    private static final String QUEUE = "agentplan-intent-crash";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int ITEMS = 16;

    private Path logs;
    private Ledger ledger;
    private ChildJvm server;
    private ChildJvm worker;
    private WorkflowServiceStubs service;
    private WorkflowClient client;

    @BeforeAll
    void startServerAndLedger() throws Exception {
        logs = Path.of(System.getProperty("basedir", "."), "target", "intent-crash");
        Files.createDirectories(logs);
        ledger = new Ledger(250);
        int port = ChildJvm.freePort();
        server = ChildJvm.start("test-server", logs, "io.temporal.testserver.TestServer", String.valueOf(port));
        server.awaitPort(port, PATIENCE);
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
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
        if (server != null) {
            server.close();
        }
        if (ledger != null) {
            ledger.close();
        }
    }

    private void startWorker(int n) throws InterruptedException {
        worker = ChildJvm.start("worker-" + n, logs, CrashWorkerMain.class.getName(),
                service.getOptions().getTarget(), QUEUE);
        worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);
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

    private static String scopeOf(Ledger.Entry e) {
        try {
            return HistoryScenarios.JSON.readTree(e.body()).path("scope").asText();
        } catch (Exception bad) {
            throw new AssertionError(e.body(), bad);
        }
    }

    @Test
    void aNarrowedScopeOutlivesAKilledWorker() throws Exception {
        startWorker(1);
        ArrayNode items = HistoryScenarios.JSON.createArrayNode();
        long expected = 0;
        for (int i = 0; i < ITEMS; i++) {
            items.addObject().put("i", i).put("amount", i + 1);
            expected += i + 1;
        }
        ObjectNode inputs = HistoryScenarios.JSON.createObjectNode();
        inputs.set("items", items);
        inputs.put("ledger", ledger.url());
        inputs.put("account", "intent-1");
        PinnedDefinition def = DurabilityPlans.pin(DurabilityPlans.CRASH_DIR, "crash_intent", 1);
        WorkflowStub run = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId("intent-crash-1")
                .setWorkflowTaskTimeout(Duration.ofSeconds(5)).build());
        run.start(new RunRequest(def, inputs, null));

        await(() -> ledger.applied() >= 3, "three writes with the first scope");
        run.signal(InterpreterWorkflow.INTENT, new IntentEvent("scope", HistoryScenarios.JSON.readTree("\"eu\""), "ops"));
        await(() -> ledger.entries().values().stream().anyMatch(e -> scopeOf(e).equals("eu")), "a write with the new scope");
        int appliedBeforeKill = ledger.applied();
        await(() -> ledger.inFlight("intent-") >= 1, "a write in flight");
        worker.kill();
        startWorker(2);

        RunResult r = run.getResult(120, TimeUnit.SECONDS, RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        JsonNode out = r.output();
        assertEquals("eu", out.get("scope").asText());
        assertEquals(expected, out.get("total").asLong());
        assertEquals(ITEMS, ledger.applied(), "each write applied once");
        assertEquals(0, ledger.conflicts());

        List<Ledger.Entry> inOrder = ledger.entries().values().stream()
                .sorted(Comparator.comparingLong(Ledger.Entry::seq)).toList();
        int firstEu = -1;
        for (int i = 0; i < inOrder.size(); i++) {
            String scope = scopeOf(inOrder.get(i));
            if (firstEu < 0 && scope.equals("eu")) {
                firstEu = i;
            }
            assertEquals(firstEu < 0 ? "all" : "eu", scope, "write " + i + " of " + inOrder);
        }
        assertTrue(firstEu >= 3, "the first writes kept the first scope");
        assertTrue(appliedBeforeKill < ITEMS, "writes were still to come when the worker was killed");
        long afterKill = inOrder.stream().skip(appliedBeforeKill + 1L).filter(e -> scopeOf(e).equals("eu")).count();
        assertTrue(afterKill > 0, "the new worker's writes carry the new scope");
    }
}
