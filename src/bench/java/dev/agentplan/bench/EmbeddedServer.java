package dev.agentplan.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;

/**
 * Temporal's Java test server in this process, without time skipping (the benchmarks have no
 * timers, and real time is what they measure).
 */
final class EmbeddedServer implements BenchServer {

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public WorkflowClient client() {
        return env.getWorkflowClient();
    }

    @Override
    public WorkerFactory workerFactory() {
        return env.getWorkerFactory();
    }

    @Override
    public void start() {
        env.start();
    }

    @Override
    public void close() {
        env.close();
    }
}
