package dev.agentplan.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;

/** A Temporal server the benchmark talks to, with a client and a worker factory connected to it. */
public interface BenchServer extends AutoCloseable {

    /** {@code embedded} (in-process test server), {@code standalone} (child JVM over loopback) or {@code dev} (the real server). */
    String name();

    WorkflowClient client();

    WorkerFactory workerFactory();

    /** Starts the workers registered on {@link #workerFactory()}. */
    void start();

    /** Peak resident memory of the server process in KiB, when it is another process (else -1). */
    default long serverPeakRssKib() {
        return -1;
    }

    @Override
    void close();

    static BenchServer open(String kind) {
        return switch (kind) {
            case "embedded" -> new EmbeddedServer();
            case "standalone" -> StandaloneServer.launch();
            case "dev" -> DevBenchServer.launch();
            default -> throw new IllegalArgumentException("unknown server '" + kind + "': embedded, standalone or dev");
        };
    }
}
