package dev.agentplan.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback ledger, the side effect the crash test counts. {@code POST /ledger/ACCOUNT} with an
 * {@code Idempotency-Key} header and a body {@code {call, amount}} applies the entry once per key:
 * a repeated key gets the first answer again. The entry is applied when the request arrives and
 * answered only after {@code delayMillis}, so a worker killed meanwhile leaves an entry applied
 * but unacknowledged, which its retry must not apply again.
 *
 * <p>It counts per key how often it was delivered and applied, and per logical call (the body's
 * {@code call}) how often it was applied: a call that came back under a different key would be
 * applied twice.
 */
final class Ledger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One applied entry. */
    record Entry(String key, String account, String call, long amount, long seq, String body, long appliedNanos) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final long delayMillis;
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, Integer> deliveries = new HashMap<>();
    private final Map<String, Integer> applicationsByCall = new HashMap<>();
    private final Map<String, Integer> inFlightByAccount = new HashMap<>();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger badRequests = new AtomicInteger();

    Ledger(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/ledger/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String account = exchange.getRequestURI().getPath().substring("/ledger/".length());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode parsed;
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                parsed = null;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || key == null || key.isBlank() || parsed == null
                    || !parsed.path("call").isTextual() || !parsed.path("amount").isIntegralNumber()) {
                badRequests.incrementAndGet();
                respond(exchange, 400, "{\"error\":\"POST {call, amount} with an Idempotency-Key\"}");
                return;
            }
            Entry entry;
            synchronized (this) {
                deliveries.merge(key, 1, Integer::sum);
                entry = byKey.get(key);
                if (entry == null) {
                    entry = new Entry(key, account, parsed.get("call").asText(), parsed.get("amount").asLong(),
                            byKey.size() + 1, body, System.nanoTime());
                    byKey.put(key, entry);
                    applicationsByCall.merge(entry.call(), 1, Integer::sum);
                } else if (!entry.body().equals(body) || !entry.account().equals(account)) {
                    conflicts.incrementAndGet(); // the same key with another request: a real bug
                    respond(exchange, 409, "{\"error\":\"idempotency key reused for another request\"}");
                    return;
                }
                inFlightByAccount.merge(account, 1, Integer::sum);
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                synchronized (this) {
                    inFlightByAccount.merge(account, -1, Integer::sum);
                }
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.put("key", entry.key());
            answer.put("call", entry.call());
            answer.put("amount", entry.amount());
            answer.put("seq", entry.seq());
            respond(exchange, 200, answer.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException callerGone) {
            // the worker was killed while it waited: the entry stays applied
        }
    }

    /** Requests being answered right now for accounts whose name starts with {@code prefix}. */
    synchronized int inFlight(String prefix) {
        int n = 0;
        for (Map.Entry<String, Integer> e : inFlightByAccount.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue();
            }
        }
        return n;
    }

    synchronized int applied() {
        return byKey.size();
    }

    /** When the first entry applied after {@code nanos} was applied, or -1 if none was. */
    synchronized long firstAppliedAfter(long nanos) {
        return byKey.values().stream().mapToLong(Entry::appliedNanos).filter(t -> t > nanos).min().orElse(-1);
    }

    synchronized Map<String, Entry> entries() {
        return Map.copyOf(byKey);
    }

    synchronized Map<String, Integer> deliveries() {
        return Map.copyOf(deliveries);
    }

    synchronized Map<String, Integer> applicationsByCall() {
        return Map.copyOf(applicationsByCall);
    }

    /** Sum of the applied amounts of one account. */
    synchronized long total(String account) {
        return byKey.values().stream().filter(e -> e.account().equals(account)).mapToLong(Entry::amount).sum();
    }

    int conflicts() {
        return conflicts.get();
    }

    int badRequests() {
        return badRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
