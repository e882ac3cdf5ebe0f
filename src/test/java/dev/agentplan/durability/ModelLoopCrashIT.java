package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.loop.ScriptedModelServer;
import dev.agentplan.runtime.loop.ScriptedModelServer.Call;
import dev.agentplan.runtime.loop.ScriptedModelServer.Turn;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the worker in the middle of a model loop: once while a tool call the model chose is
 * applied but not yet answered, once while a model turn is being answered. A fresh worker process
 * follows each kill. The loop must finish with the model's answer, every chosen write applied
 * exactly once (the retry carries the same Idempotency-Key), no turn answered into a different
 * conversation, and the history (crashes, retries and all) must replay.
 */
class ModelLoopCrashIT {

    private static final String QUEUE = "agentplan-loop-crash";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final String PLAN = """
            agent loop_crash "a model loop whose worker is killed twice"
            tools {
              brain = llm.chat { timeout 4s  retry { attempts 5  backoff 200ms..1s } }
              record = http { timeout 4s  effect write  retry { attempts 5  backoff 200ms..1s } }
            }
            report = loop brain {
              ask "Record two entries, then answer"
              tools [record]
              max_turns 5
            }
            output { answer: report.answer, turns: report.turns, calls: report.calls }
            """;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static PinnedDefinition pin() {
        ParseResult parsed = PlanText.parse("loop_crash.agent", PLAN);
        assertTrue(!parsed.hasErrors(), parsed.diagnostics().toString());
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("1", "loop_crash.agent:6");
        String json = JsonPlanCodec.encode(parsed.definition());
        return new PinnedDefinition("loop_crash", 1, Sha256.of(json), json, "loop_crash.agent", lines);
    }

    private static String record(String title) {
        return "{\"method\": \"POST\", \"url\": \"$BASE/tools/publish\", \"body\": {\"title\": \"" + title + "\"}}";
    }

    @Test
    void aKilledWorkerLosesNothingAndRepeatsNothing() throws Exception {
        Path logs = Path.of(System.getProperty("basedir", "."), "target", "model-loop-crash");
        Files.createDirectories(logs);
        try (ScriptedModelServer model = new ScriptedModelServer(List.of(
                Turn.calls(new Call("record", record("first"))),
                Turn.calls(new Call("record", record("second"))).delayed(1500),
                Turn.answer("recorded both")))) {
            model.publishDelay(1500); // applied on arrival, answered late: a kill meanwhile loses the answer
            int port = ChildJvm.freePort();
            ChildJvm server = ChildJvm.start("test-server", logs, "io.temporal.testserver.TestServer", String.valueOf(port));
            ChildJvm worker = null;
            WorkflowServiceStubs service = null;
            try {
                server.awaitPort(port, PATIENCE);
                String address = "127.0.0.1:" + port;
                service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(address).build());
                WorkflowClient client = WorkflowClient.newInstance(service);
                worker = ChildJvm.start("loop-worker-1", logs, ModelLoopWorkerMain.class.getName(), address, QUEUE,
                        model.baseUrl());
                worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);

                WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                        .setTaskQueue(QUEUE).setWorkflowId("loop-crash-" + System.nanoTime())
                        .setWorkflowTaskTimeout(Duration.ofSeconds(5)).build());
                stub.start(new RunRequest(pin(), null, null));
                CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(() -> stub.getResult(RunResult.class));

                // kill 1: the first chosen write is applied, its answer not yet sent
                await(() -> model.effectsApplied() == 1, "the first write applied");
                worker.kill();
                worker = ChildJvm.start("loop-worker-2", logs, ModelLoopWorkerMain.class.getName(), address, QUEUE,
                        model.baseUrl());
                worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);

                // kill 2: the second turn's answer is on its way
                await(() -> model.chats().stream().anyMatch(c -> c.turn() == 2), "the second turn asked");
                worker.kill();
                worker = ChildJvm.start("loop-worker-3", logs, ModelLoopWorkerMain.class.getName(), address, QUEUE,
                        model.baseUrl());
                worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);

                RunResult r = result.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
                assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
                assertEquals("recorded both", r.output().get("answer").asText());
                assertEquals(3, r.output().get("turns").asInt());
                assertEquals(Map.of("first", 1, "second", 1), model.appliedByTitle(), "each write applied once");
                assertEquals(2, model.effectsApplied(), "one key per write");
                assertTrue(model.publishDeliveries() >= 3, "the first write was delivered again after the kill: "
                        + model.publishDeliveries());
                long secondTurnAsked = model.chats().stream().filter(c -> c.turn() == 2).count();
                assertTrue(secondTurnAsked >= 2, "the second turn was asked again after the kill: " + secondTurnAsked);
                // every request for a turn carried the same conversation: no repeated or lost messages
                for (int turn = 1; turn <= 3; turn++) {
                    int t = turn;
                    long distinct = model.chats().stream().filter(c -> c.turn() == t)
                            .map(c -> c.body().path("messages").toString()).distinct().count();
                    assertEquals(1, distinct, "turn " + turn + " was always asked with the same conversation");
                }
                int expectedMessages = 2;
                for (ScriptedModelServer.ChatRequest c : model.chats()) {
                    expectedMessages = 2 + 2 * (c.turn() - 1);
                    assertEquals(expectedMessages, c.body().path("messages").size(), "turn " + c.turn());
                }

                WorkflowExecutionHistory h = client.fetchHistory(stub.getExecution().getWorkflowId());
                Files.writeString(logs.resolve("loop-crash.history.json"), h.toJson(true), StandardCharsets.UTF_8);
                try (TestWorkflowEnvironment replayEnv = TestWorkflowEnvironment.newInstance()) {
                    Worker replayer = DurabilityWorkers.create(replayEnv.getWorkerFactory(), "loop-replay", true, null);
                    WorkflowReplayer.replayWorkflowExecution(h, replayer);
                }
            } finally {
                if (worker != null) {
                    worker.close();
                }
                if (service != null) {
                    service.shutdownNow();
                }
                server.close();
            }
        }
    }
}
