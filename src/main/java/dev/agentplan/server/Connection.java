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
        return open(ConnectionSettings.plain(address, namespace), connectTimeout, false);
    }

    /** A connection for a worker: calls are retried as long as the SDK's defaults say (a server restart, say). */
    public static Connection forWorker(String address, String namespace, Duration connectTimeout) {
        return open(ConnectionSettings.plain(address, namespace), connectTimeout, true);
    }

    /**
     * Connects with TLS and an API key as {@code settings} say, and checks the server answers.
     *
     * @throws ServerUnavailableException when it does not
     * @throws ConnectionConfigException when the TLS files cannot be used
     */
    public static Connection open(ConnectionSettings settings) {
        return open(settings, CONNECT_TIMEOUT, false);
    }

    /** As {@link #open(ConnectionSettings)}, for a worker (see {@link #forWorker(String, String, Duration)}). */
    public static Connection forWorker(ConnectionSettings settings, Duration connectTimeout) {
        return open(settings, connectTimeout, true);
    }

    private static Connection open(ConnectionSettings settings, Duration connectTimeout, boolean worker) {
        String address = settings.address();
        String target = address == null || address.isBlank() ? DEFAULT_ADDRESS : address.strip();
        String ns = settings.namespace() == null || settings.namespace().isBlank() ? DEFAULT_NAMESPACE : settings.namespace().strip();
        boolean tls = settings.usesTls();
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target)
                .setRpcTimeout(RPC_TIMEOUT)
                .setSystemInfoTimeout(connectTimeout);
        if (tls) {
            options.setSslContext(TlsContexts.of(settings)); // ConnectionConfigException for unusable files
            if (settings.serverName() != null && !settings.serverName().isBlank()) {
                String authority = settings.serverName().strip();
                options.setChannelInitializer(channel -> channel.overrideAuthority(authority));
            }
        }
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            String key = settings.apiKey().strip();
            options.addApiKey(() -> key);
            if (!tls) {
                options.setEnableHttps(false); // the SDK turns TLS on with an API key unless told otherwise
            }
        }
        if (!worker) {
            options.setRpcQueryTimeout(QUERY_TIMEOUT)
                    .setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(COMMAND_RETRIES).validateBuildWithDefaults());
        }
        WorkflowServiceStubs stubs;
        try {
            stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        } catch (RuntimeException e) {
            throw new ServerUnavailableException(target, "invalid server address '" + target + "': use HOST:PORT");
        }
        try {
            stubs.blockingStub().withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (RuntimeException e) {
            stubs.shutdownNow();
            if (e instanceof io.grpc.StatusRuntimeException sre
                    && (sre.getStatus().getCode() == io.grpc.Status.Code.UNAUTHENTICATED
                        || sre.getStatus().getCode() == io.grpc.Status.Code.PERMISSION_DENIED)) {
                throw new ServerUnavailableException(target, "the Temporal server at " + target
                        + " refused the credentials: " + sre.getStatus().getDescription());
            }
            if (tls) {
                throw new ServerUnavailableException(target, "cannot reach the Temporal server at " + target
                        + " over TLS (is it serving TLS, and does it trust this certificate? use --no-tls for plain text)");
            }
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
