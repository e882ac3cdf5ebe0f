package dev.agentplan.server;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server (in memory, real time: no time skipping) serving gRPC on a
 * loopback port of this process. It backs both the embedded default of {@code agentplan run FILE}
 * and the standalone {@code agentplan server}.
 *
 * <p>Why not {@code TestServer.createPortBoundServer}: it binds every interface (an
 * unauthenticated server on the network) and cannot report the port it got for port 0. This
 * class does the same wiring bound to loopback only.
 */
public final class LocalTemporal implements AutoCloseable {

    /** Payloads are capped at 2 MiB by Temporal; a whole history fetched at once can be larger. */
    private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

    private final TestServicesStarter services;
    private final Server grpc;

    private LocalTemporal(TestServicesStarter services, Server grpc) {
        this.services = services;
        this.grpc = grpc;
    }

    /**
     * Starts the server.
     *
     * @param port the loopback port, 0 for any free one
     * @throws ServerStartException when the port cannot be bound
     */
    public static LocalTemporal start(int port) {
        TestServicesStarter services = new TestServicesStarter(true, 0); // true: time skipping locked (real time)
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), InsecureServerCredentials.create());
        builder.maxInboundMessageSize(MAX_MESSAGE_BYTES);
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            return new LocalTemporal(services, builder.build().start());
        } catch (IOException e) {
            services.close();
            throw new ServerStartException("cannot listen on 127.0.0.1:" + port + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + "); is another server using it? choose another port with --port");
        }
    }

    /** {@code 127.0.0.1:PORT}, what clients and workers connect to. */
    public String address() {
        return "127.0.0.1:" + grpc.getPort();
    }

    public int port() {
        return grpc.getPort();
    }

    @Override
    public void close() {
        grpc.shutdownNow();
        try {
            grpc.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
    }
}
