package dev.agentplan.bench;

import dev.agentplan.server.DevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;

/**
 * The real Temporal server for the benchmark: the CLI's dev server ({@link DevServer}, a child
 * process, in memory: no database file, so disk speed stays out of the ratios), headless, on a
 * free loopback port. Closing stops it.
 */
final class DevBenchServer implements BenchServer {

    private final DevServer dev;
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;
    private final WorkerFactory factory;

    private DevBenchServer(DevServer dev) {
        this.dev = dev;
        this.stubs = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(dev.address()).build(), Duration.ofSeconds(60));
        this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        this.factory = WorkerFactory.newInstance(client);
    }

    static DevBenchServer launch() {
        DevServer dev = DevServer.start(new DevServer.Options(DevServer.findCli(null), null, 0, 0, List.of(), List.of()));
        try {
            return new DevBenchServer(dev);
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "dev";
    }

    @Override
    public WorkflowClient client() {
        return client;
    }

    @Override
    public WorkerFactory workerFactory() {
        return factory;
    }

    @Override
    public void start() {
        factory.start();
    }

    @Override
    public long serverPeakRssKib() {
        return ProcStatus.peakRssKib(dev.pid());
    }

    @Override
    public void close() {
        try {
            factory.shutdownNow();
            factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            stubs.shutdownNow();
        } finally {
            dev.close();
        }
    }
}
