package dev.agentplan.runtime.tools.builtin;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final HttpTool tool = new HttpTool(HttpSupport.newClient(), Clock.fixed(NOW, ZoneOffset.UTC));
    private LoopbackHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private JsonNode call(String argumentsJson) throws Exception {
        return tool.invoke(json(argumentsJson), new TestToolContext().key("run-7/2")).value();
    }

    private String arguments(String extra) {
        return "{\"url\": \"" + server.url("/items") + "\"" + extra + "}";
    }

    @Test
    void getParsesJsonResponseAndLowerCasesHeaderNames() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("X-Request-Count", "1");
            respond(ex, 200, "application/json; charset=utf-8", "{\"severity\": \"high\", \"links\": [1, 2]}");
        });
        JsonNode result = call(arguments(""));
        assertEquals(200, result.get("status").asInt());
        assertEquals("high", result.at("/body/severity").asText());
        assertEquals(2, result.at("/body/links").size());
        assertEquals("1", result.at("/headers/x-request-count").asText());
        assertFalse(result.get("truncated").asBoolean());
        assertEquals("GET", server.requests().get(0).method());
    }

    @Test
    void textResponseStaysText() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "{not json, says the header}"));
        JsonNode body = call(arguments("")).get("body");
        assertTrue(body.isTextual());
        assertEquals("{not json, says the header}", body.asText());
    }

    @Test
    void queryIsAppendedAndEncoded() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 204, null, ""));
        String url = server.url("/search?fixed=1");
        tool.invoke(json("{\"url\": \"" + url + "\", \"query\": {\"q\": \"a b&c=d\", \"n\": 5}}"), new TestToolContext());
        assertEquals("fixed=1&q=a+b%26c%3Dd&n=5", server.requests().get(0).rawQuery());
    }

    @Test
    void objectBodyIsSentAsJsonWithHeaders() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 201, "application/json", "{\"key\": \"T-1\"}"));
        JsonNode result = call(arguments(", \"method\": \"post\", \"headers\": {\"X-Team\": \"ops\"}, \"body\": {\"title\": \"Incident\", \"n\": [1]}"));
        LoopbackHttpServer.Request request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("content-type"));
        assertEquals("ops", request.header("x-team"));
        assertEquals(json("{\"title\": \"Incident\", \"n\": [1]}"), json(request.body()));
        assertEquals(201, result.get("status").asInt());
        assertEquals("T-1", result.at("/body/key").asText());
    }

    @Test
    void stringBodyIsSentAsText() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "ok"));
        call(arguments(", \"method\": \"PUT\", \"body\": \"plain words\""));
        LoopbackHttpServer.Request request = server.requests().get(0);
        assertEquals("plain words", request.body());
        assertTrue(request.header("content-type").startsWith("text/plain"));
    }

    @Test
    void sendsTheIdempotencyKeyUnlessThePlanSetsOne() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "ok"));
        call(arguments(", \"method\": \"POST\", \"body\": {}"));
        call(arguments(", \"method\": \"POST\", \"headers\": {\"idempotency-key\": \"mine\"}, \"body\": {}"));
        assertEquals("run-7/2", server.requests().get(0).header("Idempotency-Key"));
        assertEquals("mine", server.requests().get(1).header("Idempotency-Key"));
    }

    @Test
    void serverErrorIsRetryableWithStatusInDetails() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 502, "application/json", "{\"error\": \"upstream\"}"));
        ToolFailure f = assertThrows(ToolFailure.class, () -> call(arguments("")));
        assertEquals("HttpError", f.type());
        assertTrue(f.retryable());
        assertNull(f.retryAfter());
        JsonNode details = (JsonNode) f.details();
        assertEquals(502, details.get("status").asInt());
        assertEquals("upstream", details.at("/body/error").asText());
    }

    @Test
    void tooManyRequestsHonoursRetryAfterSeconds() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Retry-After", "7");
            respond(ex, 429, "text/plain", "slow down");
        });
        ToolFailure f = assertThrows(ToolFailure.class, () -> call(arguments("")));
        assertTrue(f.retryable());
        assertEquals(Duration.ofSeconds(7), f.retryAfter());
    }

    @Test
    void serviceUnavailableHonoursRetryAfterHttpDate() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Retry-After", "Wed, 01 Jan 2025 12:01:30 GMT");
            respond(ex, 503, "text/plain", "maintenance");
        });
        ToolFailure f = assertThrows(ToolFailure.class, () -> call(arguments("")));
        assertTrue(f.retryable());
        assertEquals(Duration.ofSeconds(90), f.retryAfter());
    }

    @Test
    void clientErrorIsNotRetryable() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 404, "text/plain", "no such item"));
        ToolFailure f = assertThrows(ToolFailure.class, () -> call(arguments("")));
        assertEquals("HttpError", f.type());
        assertFalse(f.retryable());
        assertEquals(404, ((JsonNode) f.details()).get("status").asInt());
        assertEquals("no such item", ((JsonNode) f.details()).get("body").asText());
        assertTrue(f.getMessage().contains("404"), f.getMessage());
    }

    @Test
    void connectionRefusedIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> tool.invoke(json("{\"url\": \"http://127.0.0.1:" + port + "/x\"}"), new TestToolContext()));
        assertEquals("HttpError", f.type());
        assertTrue(f.retryable());
    }

    @Test
    void droppedConnectionIsRetryable() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> LoopbackHttpServer.dropConnection());
        ToolFailure f = assertThrows(ToolFailure.class, () -> call(arguments(", \"method\": \"POST\", \"body\": {}")));
        assertEquals("HttpError", f.type());
        assertTrue(f.retryable());
    }

    @Test
    void largeResponseBodyIsBounded() throws Exception {
        String big = "x".repeat(HttpTool.MAX_BODY_BYTES + 1000);
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", big));
        JsonNode result = call(arguments(""));
        assertTrue(result.get("truncated").asBoolean());
        assertEquals(HttpTool.MAX_BODY_BYTES, result.get("body").asText().length());
    }

    @Test
    void badUrlsAreInvalidArguments() {
        ToolFailure notHttp = assertThrows(ToolFailure.class, () -> tool.invoke(json("{\"url\": \"file:///etc/passwd\"}"), new TestToolContext()));
        assertEquals("InvalidArguments", notHttp.type());
        assertFalse(notHttp.retryable());
        ToolFailure missing = assertThrows(ToolFailure.class, () -> tool.invoke(json("{}"), new TestToolContext()));
        assertEquals("InvalidArguments", missing.type());
    }

    @Test
    void retryAfterParsing() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertEquals(Duration.ofSeconds(120), HttpSupport.retryAfter(" 120 ", clock));
        assertEquals(Duration.ZERO, HttpSupport.retryAfter("Tue, 31 Dec 2024 00:00:00 GMT", clock));
        assertNull(HttpSupport.retryAfter("soon", clock));
        assertNull(HttpSupport.retryAfter(null, clock));
    }
}
