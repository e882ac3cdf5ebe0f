package dev.agentplan.server;

import dev.agentplan.runtime.DefinitionResolver;

/**
 * A local server with a worker on it, in this process: the embedded default of
 * {@code agentplan run FILE} and the standalone {@code agentplan server}. Everything is in
 * memory: when the process ends, its runs are gone (see {@link WorkerHost} for why its worker
 * is sticky).
 */
public final class LocalStack implements AutoCloseable {

    private final LocalTemporal server;
    private final Connection connection;
    private final WorkerHost worker;

    private LocalStack(LocalTemporal server, Connection connection, WorkerHost worker) {
        this.server = server;
        this.connection = connection;
        this.worker = worker;
    }

    /**
     * @param port the loopback port, 0 for any free one
     * @param nonSticky true when other processes' workers may serve the same server
     */
    public static LocalStack start(int port, String taskQueue, boolean nonSticky, DefinitionResolver resolver) {
        LocalTemporal server = LocalTemporal.start(port);
        Connection connection = null;
        try {
            // our own server, listening already: only a very loaded machine makes the first call slow
            connection = Connection.forWorker(server.address(), Connection.DEFAULT_NAMESPACE, java.time.Duration.ofSeconds(60));
            WorkerHost worker = WorkerHost.start(connection, taskQueue, nonSticky, resolver);
            return new LocalStack(server, connection, worker);
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            server.close();
            throw e;
        }
    }

    public String address() {
        return server.address();
    }

    public Connection connection() {
        return connection;
    }

    public String taskQueue() {
        return worker.taskQueue();
    }

    @Override
    public void close() {
        worker.close();
        connection.close();
        server.close();
    }
}
