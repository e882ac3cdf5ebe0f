package dev.agentplan.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A loopback write endpoint that records the Idempotency-Key and body of every request, in order. */
public final class KeyRecorder implements AutoCloseable {

    public record Request(String key, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    public KeyRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ledger";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                requests.add(new Request(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            }
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code n} requests arrived (or fails after a minute). */
    public List<Request> awaitCount(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (requests().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " requests, got " + requests());
            }
            Thread.sleep(50);
        }
        return requests();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
