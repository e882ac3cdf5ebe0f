package dev.agentplan.server;

import dev.agentplan.runtime.DefinitionResolver;
import java.time.Duration;
import java.util.Optional;

/**
 * A local server with a worker on it, in this process: the embedded default of
 * {@code agentplan run FILE} and {@code agentplan server}. Either Temporal's Java test server,
 * in memory (when the process ends, its runs are gone; see {@link WorkerHost} for why its own
 * worker is sticky), or the real Temporal server ({@link DevServer}, a child process, persistent
 * with a database file; its worker is sticky, as in production).
 */
public final class LocalStack implements AutoCloseable {

    private final AutoCloseable server;
    private final DevServer dev;
    private final String address;
    private final Connection connection;
    private final WorkerHost worker;

    private LocalStack(AutoCloseable server, DevServer dev, String address, Connection connection, WorkerHost worker) {
        this.server = server;
        this.dev = dev;
        this.address = address;
        this.connection = connection;
        this.worker = worker;
    }

    /**
     * The Java test server in this process.
     *
     * @param port the loopback port, 0 for any free one
     * @param nonSticky true when other processes' workers may serve the same server
     */
    public static LocalStack start(int port, String taskQueue, boolean nonSticky, DefinitionResolver resolver) {
        LocalTemporal server = LocalTemporal.start(port);
        return withWorker(server, null, server.address(), Connection.DEFAULT_NAMESPACE, taskQueue, nonSticky, resolver);
    }

    /**
     * The real Temporal server (the CLI's dev server) as a child process, with a sticky worker
     * polling {@code namespace}.
     *
     * @throws ServerStartException one line, when it cannot start
     */
    public static LocalStack startDev(DevServer.Options options, String namespace, String taskQueue, DefinitionResolver resolver) {
        DevServer dev = DevServer.start(options);
        return withWorker(dev, dev, dev.address(), namespace, taskQueue, false, resolver);
    }

    private static LocalStack withWorker(AutoCloseable server, DevServer dev, String address, String namespace,
                                         String taskQueue, boolean nonSticky, DefinitionResolver resolver) {
        Connection connection = null;
        try {
            // our own server, listening already: only a very loaded machine makes the first call slow
            connection = Connection.forWorker(address, namespace, Duration.ofSeconds(60));
            WorkerHost worker = WorkerHost.start(connection, taskQueue, nonSticky, resolver);
            return new LocalStack(server, dev, address, connection, worker);
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            closeQuietly(server);
            throw e;
        }
    }

    public String address() {
        return address;
    }

    public Connection connection() {
        return connection;
    }

    public String taskQueue() {
        return worker.taskQueue();
    }

    /** The real server, when this stack runs one. */
    public Optional<DevServer> devServer() {
        return Optional.ofNullable(dev);
    }

    @Override
    public void close() {
        worker.close();
        connection.close();
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }
}
