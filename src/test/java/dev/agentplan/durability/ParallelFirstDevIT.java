package dev.agentplan.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code parallel first} race on the real server (sdk-java #2391 wedged it on the Java test
 * server): twenty runs at once, each a fast lane racing a heartbeating sleep that must be cancelled
 * when the fast lane wins, on a sticky worker. Every run must end with the fast lane's value.
 */
class ParallelFirstDevIT {

    @Test
    void everyRaceEndsWithTheWinnerAndTheLoserCancelled() throws Exception {
        RealServer.cliOrSkip();
        try (DevServer dev = RealServer.start(null, List.of(), List.of())) {
            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(dev.address()).build());
            WorkflowClient client = WorkflowClient.newInstance(service);
            WorkerFactory factory = WorkerFactory.newInstance(client);
            try {
                DurabilityWorkers.create(factory, "parallel-first", false, null); // sticky
                factory.start();
                PinnedDefinition plan = DurabilityPlans.pin("parallel_first", 1);
                List<CompletableFuture<RunResult>> results = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                            .setTaskQueue("parallel-first").setWorkflowId("race-" + i).build());
                    ObjectNode none = HistoryScenarios.JSON.createObjectNode();
                    stub.start(new RunRequest(plan, none, null));
                    results.add(stub.getResultAsync(RunResult.class));
                }
                for (CompletableFuture<RunResult> f : results) {
                    RunResult r = f.get(90, TimeUnit.SECONDS);
                    assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
                    assertEquals("fast", r.output().get("winner").asText());
                }
            } finally {
                factory.shutdownNow();
                factory.awaitTermination(10, TimeUnit.SECONDS);
                service.shutdownNow();
            }
        }
    }
}
