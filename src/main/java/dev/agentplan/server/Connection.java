package dev.agentplan.server;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to a Temporal server (a cluster, {@code agentplan server}, or the embedded
 * one). Opening it checks that the server answers, within {@link #CONNECT_TIMEOUT}, so a missing
 * server is one clear error instead of a hang or a gRPC stack trace.
 */
public final class Connection implements AutoCloseable {

    public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
    public static final String DEFAULT_NAMESPACE = "default";

    /**
     * How long the first call may take. A refused connection fails at once whatever this is; the
     * deadline matters for a host that swallows packets, and for a loaded machine where the first
     * call also loads gRPC's classes.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
    /** A status query needs a worker to answer it; without one it waits this long. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long a command's call is retried (server gone, no answer): the SDK's default minute is
     * right for workers, which must outlast a server restart, but too long for a person waiting.
     */
    static final Duration COMMAND_RETRIES = Duration.ofSeconds(12);

    private final String address;
    private final String namespace;
    private final WorkflowServiceStubs stubs;
    private final WorkflowClient client;

    private Connection(String address, String namespace, WorkflowServiceStubs stubs) {
        this.address = address;
        this.namespace = namespace;
        this.stubs = stubs;
        this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(namespace).setIdentity(identity())
                .setDataConverter(PayloadEncryption.dataConverter()).build());
    }

    /**
     * Connects and checks the server answers.
     *
     * @throws ServerUnavailableException when it does not
     */
    public static Connection open(String address, String namespace) {
        return open(address, namespace, CONNECT_TIMEOUT);
    }

    /** As {@link #open(String, String)}, waiting up to {@code connectTimeout} for the first answer. */
    public static Connection open(String address, String namespace, Duration connectTimeout) {
        return open(address, namespace, connectTimeout, false);
    }

    /** A connection for a worker: calls are retried as long as the SDK's defaults say (a server restart, say). */
    public static Connection forWorker(String address, String namespace, Duration connectTimeout) {
        return open(address, namespace, connectTimeout, true);
    }

    private static Connection open(String address, String namespace, Duration connectTimeout, boolean worker) {
        String target = address == null || address.isBlank() ? DEFAULT_ADDRESS : address.strip();
        String ns = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.strip();
        WorkflowServiceStubs stubs;
        try {
            WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(target)
                    .setRpcTimeout(RPC_TIMEOUT)
                    .setSystemInfoTimeout(connectTimeout);
            if (!worker) {
                options.setRpcQueryTimeout(QUERY_TIMEOUT)
                        .setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(COMMAND_RETRIES).validateBuildWithDefaults());
            }
            stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        } catch (RuntimeException e) {
            throw new ServerUnavailableException(target, "invalid server address '" + target + "': use HOST:PORT");
        }
        try {
            stubs.blockingStub().withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (RuntimeException e) {
            stubs.shutdownNow();
            throw ServerUnavailableException.at(target);
        }
        return new Connection(target, ns, stubs);
    }

    public String address() {
        return address;
    }

    public String namespace() {
        return namespace;
    }

    public WorkflowClient client() {
        return client;
    }

    public WorkflowServiceStubs stubs() {
        return stubs;
    }

    @Override
    public void close() {
        stubs.shutdownNow();
        stubs.awaitTermination(2, TimeUnit.SECONDS);
    }

    /** Who this process is in the server's records (workers, update and signal events). */
    static String identity() {
        long pid = ProcessHandle.current().pid();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "agentplan:" + System.getProperty("user.name", "unknown") + "@" + host + ":" + pid;
    }
}
