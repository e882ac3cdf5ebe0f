package dev.agentplan.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Temporal's Java test server ({@code io.temporal.testserver.TestServer}) in a child JVM started
 * with this process's class path, on a free loopback port. Closing stops the child.
 */
final class StandaloneServer implements BenchServer {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Thread reaper;
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;
    private final WorkerFactory factory;

    private StandaloneServer(Process process, Thread reaper, int port) {
        this.process = process;
        this.reaper = reaper;
        this.stubs = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build(), STARTUP);
        this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        this.factory = WorkerFactory.newInstance(client);
    }

    static StandaloneServer launch() {
        int port = freePort();
        List<String> command = List.of(ChildJava.javaBinary(), "-cp", System.getProperty("java.class.path"),
                "io.temporal.testserver.TestServer", Integer.toString(port));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the standalone test server", e);
        }
        Thread reaper = new Thread(process::destroyForcibly, "bench-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            awaitPort(process, port);
            return new StandaloneServer(process, reaper, port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(reaper);
            throw e;
        }
    }

    @Override
    public String name() {
        return "standalone";
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
        return ProcStatus.peakRssKib(process.pid());
    }

    @Override
    public void close() {
        try {
            factory.shutdownNow();
            factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            stubs.shutdownNow();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void awaitPort(Process process, int port) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone test server exited with status " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("the standalone test server did not listen on port " + port + " within "
                + STARTUP.toSeconds() + " s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
