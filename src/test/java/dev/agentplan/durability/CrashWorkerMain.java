package dev.agentplan.durability;

import dev.agentplan.runtime.AgentWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

/**
 * The worker process of {@link CrashRecoveryIT} and {@link ServerRestartDevIT}: the production
 * worker ({@code AgentWorker}, built-in tools) polling one task queue of a Temporal server, until
 * it is killed. Non-sticky unless told {@code sticky} (the real server expires a dead worker's
 * sticky queue; the Java test server never does). Prints {@value #READY} once it polls.
 *
 * <p>Usage: {@code java -cp <test class path> dev.agentplan.durability.CrashWorkerMain HOST:PORT QUEUE [sticky]}
 */
public final class CrashWorkerMain {

    static final String READY = "agentplan crash worker ready";

    private CrashWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 && !(args.length == 3 && args[2].equals("sticky"))) {
            System.err.println("usage: CrashWorkerMain HOST:PORT QUEUE [sticky]");
            System.exit(2);
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        // Non-sticky by default: the test server never hands a dead worker's sticky queue back to the others.
        DurabilityWorkers.create(factory, args[1], args.length == 2, null);
        factory.start();
        System.out.println(READY + " (pid " + ProcessHandle.current().pid() + (args.length == 3 ? ", sticky" : "") + ")");
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
