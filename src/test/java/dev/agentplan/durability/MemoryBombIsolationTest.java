package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One worker with a modest heap (256 MiB, its own process) runs two memory-bomb plans and six
 * ordinary ones at the same time: the bombs fail cleanly with {@code LimitExceeded} and every
 * ordinary run completes. Before expression limits, the bombs drove a worker to about 1.2 GB and
 * wedged their runs for ever.
 */
class MemoryBombIsolationTest {

    private static final String QUEUE = "agentplan-bombs";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    static final String DOUBLING = """
            agent doubling "doubles a string forty times"
            set s = "x"
            while length(s) > 0 max 40 {
              set s = s + s
            }
            output { n: length(s) }
            """;

    static final String BIG_NUMBER = """
            agent big_number "formats a number with a billion digits"
            set n = fromJson("1e1000000000")
            set t = "n is ${n}"
            output { t: t }
            """;

    static final String ORDINARY = """
            agent ordinary "twenty echo calls and some text"
            tools { say = echo { timeout 10s } }
            set acc = []
            for each i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] {
              r = say(n: i, text: "item ${i}")
              set acc = acc + [r.text]
            }
            output { n: length(acc), last: acc[-1] }
            """;

    @Test
    void bombsFailCleanlyWhileTheWorkersOtherRunsFinish() throws Exception {
        Path logs = Path.of(System.getProperty("basedir", "."), "target", "memory-bombs");
        Files.createDirectories(logs);
        int port = ChildJvm.freePort();
        try (ChildJvm server = ChildJvm.start("test-server", logs, "io.temporal.testserver.TestServer",
                String.valueOf(port))) {
            server.awaitPort(port, PATIENCE);
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
            try (ChildJvm worker = ChildJvm.start("worker", logs, CrashWorkerMain.class.getName(),
                    "127.0.0.1:" + port, QUEUE)) {
                worker.awaitOutput(CrashWorkerMain.READY, PATIENCE);
                WorkflowClient client = WorkflowClient.newInstance(service);
                List<WorkflowStub> bombs = List.of(
                        start(client, DurabilityPlans.pinText("doubling.agent", DOUBLING, 1), "bomb-doubling"),
                        start(client, DurabilityPlans.pinText("big_number.agent", BIG_NUMBER, 1), "bomb-number"));
                PinnedDefinition ordinary = DurabilityPlans.pinText("ordinary.agent", ORDINARY, 1);
                List<WorkflowStub> others = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    others.add(start(client, ordinary, "ordinary-" + i));
                }
                for (WorkflowStub bomb : bombs) {
                    RunResult r = bomb.getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, RunResult.class);
                    assertEquals(RunState.FAILED, r.status());
                    assertEquals("LimitExceeded", r.error().type(), String.valueOf(r.error()));
                    assertTrue(r.error().line().endsWith(".agent:" + (r.error().line().startsWith("doubling") ? 4 : 2)),
                            r.error().line());
                }
                for (WorkflowStub other : others) {
                    RunResult r = other.getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, RunResult.class);
                    assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
                    assertEquals("{\"n\":20,\"last\":\"item 20\"}", r.output().toString());
                }
                assertTrue(worker.isAlive(), "the worker survived");
                assertTrue(!worker.output().contains("OutOfMemoryError"), worker.output());
            } finally {
                service.shutdownNow();
            }
        }
    }

    private static WorkflowStub start(WorkflowClient client, PinnedDefinition def, String id) {
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(id + "-" + System.nanoTime()).build());
        stub.start(new RunRequest(def, null, null, 0));
        return stub;
    }
}
