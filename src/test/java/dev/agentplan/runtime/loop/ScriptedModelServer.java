package dev.agentplan.runtime.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted OpenAI-compatible chat-completions server on loopback, standing in for a paid model
 * API, plus the tools its script has the model call. {@code POST /v1/chat/completions} answers
 * turn N (the number of assistant messages in the request) with the script's N-th {@link Turn}, so
 * a retried or replayed turn gets the same answer. {@code /tools/search} and {@code /tools/fetch}
 * answer reads; {@code POST /tools/publish} is the effect: applied once per {@code Idempotency-Key}
 * (a repeated key gets the first answer back), counted per key and per logical call. In a call's
 * arguments, {@code $BASE} stands for this server's address.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tool call the model makes; {@code arguments} is sent as the raw text the API would send. */
    public record Call(String name, String arguments) {
    }

    /** One scripted turn: tool calls, or a final answer; optionally throttled (429) first. */
    public record Turn(List<Call> calls, String answer, int throttle, int retryAfterSeconds, long promptTokens,
                       long completionTokens, long delayMillis) {
        public static Turn calls(Call... calls) {
            return new Turn(List.of(calls), null, 0, 0, 100, 20, 0);
        }

        public static Turn answer(String text) {
            return new Turn(List.of(), text, 0, 0, 100, 20, 0);
        }

        /** The first {@code times} requests of this turn get HTTP 429 with {@code Retry-After: seconds}. */
        public Turn throttled(int times, int seconds) {
            return new Turn(calls, answer, times, seconds, promptTokens, completionTokens, delayMillis);
        }

        public Turn tokens(long prompt, long completion) {
            return new Turn(calls, answer, throttle, retryAfterSeconds, prompt, completion, delayMillis);
        }

        /** Answers after this long (a worker can be killed meanwhile). */
        public Turn delayed(long millis) {
            return new Turn(calls, answer, throttle, retryAfterSeconds, promptTokens, completionTokens, millis);
        }
    }

    /** One chat request as received: the turn it asked for, the body, and when (System.nanoTime). */
    public record ChatRequest(int turn, JsonNode body, int status, long nanoTime) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Turn> script;
    /** Scripts chosen by a text the task (the first user message) contains; empty: {@link #script} for all. */
    private final Map<String, List<Turn>> byTask;
    private final String model;
    private final List<ChatRequest> chats = new ArrayList<>();
    private final Map<Integer, Integer> throttled = new HashMap<>();
    private final Map<String, String> published = new HashMap<>();
    private final Map<String, Integer> deliveries = new HashMap<>();
    private final Map<String, Integer> appliedByTitle = new HashMap<>();
    private final List<String> reads = new ArrayList<>();
    private volatile long publishDelayMillis;

    public ScriptedModelServer(List<Turn> script) throws IOException {
        this(script, "scripted-model-1");
    }

    public ScriptedModelServer(List<Turn> script, String model) throws IOException {
        this(script, Map.of(), model);
    }

    /** One script per task: a conversation whose first user message contains the key gets that script. */
    public static ScriptedModelServer byTask(Map<String, List<Turn>> scripts, String model) throws IOException {
        return new ScriptedModelServer(List.of(), scripts, model);
    }

    private ScriptedModelServer(List<Turn> script, Map<String, List<Turn>> byTask, String model) throws IOException {
        this.script = List.copyOf(script);
        this.byTask = Map.copyOf(byTask);
        this.model = model;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL for {@code AGENTPLAN_LLM_BASE_URL}. */
    public String baseUrl() {
        return url("/v1");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Publishing answers only after this long, applied on arrival (so a kill meanwhile leaves it unacknowledged). */
    public void publishDelay(long millis) {
        publishDelayMillis = millis;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            switch (path) {
                case "/v1/chat/completions" -> chat(ex, body);
                case "/tools/search", "/tools/fetch" -> {
                    String query = ex.getRequestURI().getRawQuery();
                    synchronized (this) {
                        reads.add(path + "?" + query);
                    }
                    respond(ex, 200, "{\"source\": \"" + path + "\", \"query\": \"" + (query == null ? "" : query)
                            + "\", \"text\": \"agentplan runs plans on Temporal\"}", null);
                }
                case "/tools/publish" -> publish(ex, body);
                default -> respond(ex, 404, "{\"error\": \"no " + path + "\"}", null);
            }
        }
    }

    private void chat(HttpExchange ex, String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        int turn = 0;
        for (JsonNode m : request.path("messages")) {
            if ("assistant".equals(m.path("role").asText())) {
                turn++;
            }
        }
        List<Turn> chosen = script;
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                for (Map.Entry<String, List<Turn>> e : byTask.entrySet()) {
                    if (m.path("content").asText().contains(e.getKey())) {
                        chosen = e.getValue();
                    }
                }
                break;
            }
        }
        Turn t = turn < chosen.size() ? chosen.get(turn) : Turn.answer("(the script has no turn " + (turn + 1) + ")");
        boolean throttle;
        synchronized (this) {
            int seen = throttled.merge(turn, 1, Integer::sum);
            throttle = seen <= t.throttle();
            chats.add(new ChatRequest(turn + 1, request, throttle ? 429 : 200, System.nanoTime()));
        }
        if (throttle) {
            respond(ex, 429, "{\"error\": {\"message\": \"rate limited\"}}", String.valueOf(t.retryAfterSeconds()));
            return;
        }
        if (t.delayMillis() > 0) {
            sleep(t.delayMillis());
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-" + (turn + 1));
        out.put("object", "chat.completion");
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (t.calls().isEmpty()) {
            // `$LAST_TOOL_RESULT`: the answer quotes what the last tool returned, as a model would
            message.put("content", t.answer().replace("$LAST_TOOL_RESULT", lastToolResult(request)));
            choice.put("finish_reason", "stop");
        } else {
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < t.calls().size(); i++) {
                Call c = t.calls().get(i);
                ObjectNode call = calls.addObject();
                call.put("id", "call_" + (turn + 1) + "_" + (i + 1));
                call.put("type", "function");
                call.putObject("function").put("name", c.name())
                        .put("arguments", c.arguments().replace("$BASE", url("")));
            }
            choice.put("finish_reason", "tool_calls");
        }
        out.putObject("usage").put("prompt_tokens", t.promptTokens()).put("completion_tokens", t.completionTokens())
                .put("total_tokens", t.promptTokens() + t.completionTokens());
        respond(ex, 200, JSON.writeValueAsString(out), null);
    }

    private static String lastToolResult(JsonNode request) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                last = m.path("content").asText();
            }
        }
        return last;
    }

    private void publish(HttpExchange ex, String body) throws IOException {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (!"POST".equals(ex.getRequestMethod()) || key == null || key.isBlank()) {
            respond(ex, 400, "{\"error\": \"POST with an Idempotency-Key\"}", null);
            return;
        }
        String answer;
        synchronized (this) {
            deliveries.merge(key, 1, Integer::sum);
            answer = published.get(key);
            if (answer == null) {
                String title;
                try {
                    title = JSON.readTree(body).path("title").asText("?");
                } catch (IOException e) {
                    title = "?";
                }
                appliedByTitle.merge(title, 1, Integer::sum);
                answer = "{\"published\": true, \"id\": \"P-" + published.size() + "\", \"title\": "
                        + JSON.writeValueAsString(title) + "}";
                published.put(key, answer);
            }
        }
        if (publishDelayMillis > 0) {
            sleep(publishDelayMillis);
        }
        respond(ex, 200, answer, null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    public synchronized List<ChatRequest> chats() {
        return List.copyOf(chats);
    }

    /** How many distinct effects were applied (one per Idempotency-Key). */
    public synchronized int effectsApplied() {
        return published.size();
    }

    /** How often each logical publication (by title) was applied: a key that changed would show 2. */
    public synchronized Map<String, Integer> appliedByTitle() {
        return Map.copyOf(appliedByTitle);
    }

    /** How many publish requests arrived in all (retries with the same key included). */
    public synchronized int publishDeliveries() {
        return deliveries.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized List<String> reads() {
        return List.copyOf(reads);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
