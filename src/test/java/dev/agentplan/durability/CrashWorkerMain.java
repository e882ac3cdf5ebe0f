package dev.agentplan.durability;

import dev.agentplan.runtime.AgentWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

/**
 * The worker process of {@link CrashRecoveryIT}: the production worker ({@code AgentWorker},
 * non-sticky, built-in tools) polling one task queue of a Temporal server, until it is killed.
 * Prints {@value #READY} once it polls.
 *
 * <p>Usage: {@code java -cp <test class path> dev.agentplan.durability.CrashWorkerMain HOST:PORT QUEUE}
 */
public final class CrashWorkerMain {

    static final String READY = "agentplan crash worker ready";

    private CrashWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: CrashWorkerMain HOST:PORT QUEUE");
            System.exit(2);
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        // Non-sticky: the test server never hands a dead worker's sticky queue back to the others.
        DurabilityWorkers.create(factory, args[1], true, null);
        factory.start();
        System.out.println(READY + " (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
