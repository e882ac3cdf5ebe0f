package dev.agentplan.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ticket tracker on loopback, as {@code definitions/support_triage.agent} expects one:
 * {@code GET /api/tickets?source=FILE} lists the tickets of a file, {@code POST /api/tickets}
 * creates one (a repeated Idempotency-Key gets the ticket it created before, as a tracker that
 * dedupes would answer), {@code PATCH /api/tickets/KEY} updates one. Every request is recorded.
 */
public final class TicketTracker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String path, String query, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ObjectNode> tickets = new LinkedHashMap<>(); // key -> ticket
    private final Map<String, String> byIdempotencyKey = new LinkedHashMap<>();

    public TicketTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/api/tickets", this::handle);
        server.start();
    }

    /** The base URL the plan's {@code tracker} input takes. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** A ticket that exists before the run (for the update path). */
    public synchronized void open(String key, String source) {
        ObjectNode t = JSON.createObjectNode().put("key", key).put("source", source);
        tickets.put(key, t);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            int status;
            JsonNode answer;
            synchronized (this) {
                requests.add(new Request(method, path, query, exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
                if (method.equals("GET") && path.equals("/api/tickets")) {
                    String source = param(query, "source");
                    var list = JSON.createArrayNode();
                    tickets.values().stream().filter(t -> t.path("source").asText().equals(source)).forEach(list::add);
                    status = 200;
                    answer = JSON.createObjectNode().set("tickets", list);
                } else if (method.equals("POST") && path.equals("/api/tickets")) {
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    String existing = key == null ? null : byIdempotencyKey.get(key);
                    if (existing == null) {
                        existing = "SUP-" + (tickets.size() + 1);
                        ObjectNode t = (ObjectNode) JSON.readTree(body);
                        t.put("key", existing);
                        tickets.put(existing, t);
                        if (key != null) {
                            byIdempotencyKey.put(key, existing);
                        }
                    }
                    status = 201;
                    answer = tickets.get(existing);
                } else if (method.equals("PATCH") && path.startsWith("/api/tickets/") && tickets.containsKey(path.substring(13))) {
                    ObjectNode t = tickets.get(path.substring(13));
                    t.setAll((ObjectNode) JSON.readTree(body));
                    status = 200;
                    answer = t;
                } else {
                    status = 404;
                    answer = JSON.createObjectNode().put("error", "no such ticket route: " + method + " " + path);
                }
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** The tickets as they are now (the ones the test opened, and every one a run created or updated). */
    public synchronized Map<String, JsonNode> tickets() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        tickets.forEach((k, v) -> out.put(k, v.deepCopy()));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
