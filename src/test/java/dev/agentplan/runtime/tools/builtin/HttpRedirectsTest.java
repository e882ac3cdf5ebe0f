package dev.agentplan.runtime.tools.builtin;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects on real loopback servers; two servers on two ports are two origins. Credentials go
 * on within the origin and never to another one.
 */
class HttpRedirectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpTool tool = new HttpTool(HttpSupport.newClient(), Clock.systemUTC());
    private LoopbackHttpServer origin;
    private LoopbackHttpServer other;

    @AfterEach
    void stop() {
        if (origin != null) {
            origin.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private static ObjectNode credentials(ObjectNode args) {
        ObjectNode h = args.putObject("headers");
        h.put("Authorization", "Bearer tok-123");
        h.put("X-Api-Key", "key-456");
        h.put("Cookie", "session=abc");
        h.put("Proxy-Authorization", "Basic cHJveHk=");
        h.put("X-Auth-Token", "tok-789");
        h.put("X-Trace", "trace-1");
        return args;
    }

    private JsonNode call(ObjectNode args) throws Exception {
        return tool.invoke(args, new TestToolContext()).value();
    }

    @Test
    void aCrossOriginRedirectDropsEveryCredentialHeader() throws Exception {
        other = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "application/json", "{\"landed\": true}"));
        origin = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Location", other.url("/landing"));
            respond(ex, 302, null, "");
        });
        ObjectNode args = credentials(JSON.createObjectNode().put("url", origin.url("/start")));
        JsonNode result = call(args);

        assertEquals(200, result.get("status").asInt());
        assertTrue(result.at("/body/landed").asBoolean());
        assertEquals("Bearer tok-123", origin.requests().get(0).header("authorization"), "the first origin gets them");
        LoopbackHttpServer.Request landed = other.requests().get(0);
        for (String h : List.of("authorization", "x-api-key", "cookie", "proxy-authorization", "x-auth-token")) {
            assertNull(landed.header(h), h + " went on to another origin");
        }
        assertEquals("trace-1", landed.header("x-trace"), "other headers go on");
    }

    @Test
    void aSameOriginRedirectKeepsTheCredentials() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> {
            if (req.path().equals("/start")) {
                ex.getResponseHeaders().set("Location", "/next");
                respond(ex, 307, null, "");
            } else {
                respond(ex, 200, "text/plain", "ok");
            }
        });
        call(credentials(JSON.createObjectNode().put("url", origin.url("/start"))));
        assertEquals(2, origin.requests().size());
        assertEquals("Bearer tok-123", origin.requests().get(1).header("authorization"));
        assertEquals("key-456", origin.requests().get(1).header("x-api-key"));
    }

    @Test
    void credentialsDroppedOnceStayDroppedWhenARedirectComesBack() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> {
            if (req.path().equals("/start")) {
                ex.getResponseHeaders().set("Location", other.url("/bounce"));
                respond(ex, 302, null, "");
            } else {
                respond(ex, 200, "text/plain", "back");
            }
        });
        other = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Location", origin.url("/back"));
            respond(ex, 302, null, "");
        });
        call(credentials(JSON.createObjectNode().put("url", origin.url("/start"))));
        assertEquals("/back", origin.requests().get(1).path());
        assertNull(origin.requests().get(1).header("authorization"),
                "the other origin chose where to send us: what it must not see, its target must not either");
    }

    @Test
    void sameOriginPolicyReturnsACrossOriginRedirectUnfollowed() throws Exception {
        other = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "should not be asked"));
        origin = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Location", other.url("/landing"));
            respond(ex, 302, null, "");
        });
        ObjectNode args = credentials(JSON.createObjectNode().put("url", origin.url("/start")).put("redirects", "same-origin"));
        JsonNode result = call(args);
        assertEquals(302, result.get("status").asInt());
        assertEquals(other.url("/landing"), result.at("/headers/location").asText());
        assertTrue(other.requests().isEmpty());
    }

    @Test
    void noneFollowsNothing() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Location", "/next");
            respond(ex, 301, null, "");
        });
        JsonNode result = call(JSON.createObjectNode().put("url", origin.url("/start")).put("redirects", "none"));
        assertEquals(301, result.get("status").asInt());
        assertEquals(1, origin.requests().size());
        result = call(JSON.createObjectNode().put("url", origin.url("/start")).put("max_redirects", 0));
        assertEquals(301, result.get("status").asInt(), "max_redirects 0 follows none");
        assertEquals(2, origin.requests().size());
    }

    @Test
    void tooManyRedirectsIsANonRetryableHttpError() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Location", "/loop");
            respond(ex, 302, null, "");
        });
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> call(JSON.createObjectNode().put("url", origin.url("/loop")).put("max_redirects", 3)));
        assertEquals(HttpTool.HTTP_ERROR, f.type());
        assertFalse(f.retryable());
        assertTrue(f.getMessage().contains("more than 3"), f.getMessage());
        assertEquals(4, origin.requests().size(), "the first request and 3 redirects");
    }

    @Test
    void a303AfterAPostIsAGetWithoutTheBody() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> {
            if (req.path().equals("/form")) {
                ex.getResponseHeaders().set("Location", "/done");
                respond(ex, 303, null, "");
            } else {
                respond(ex, 200, "text/plain", req.method() + ":" + req.body());
            }
        });
        ObjectNode args = JSON.createObjectNode().put("url", origin.url("/form")).put("method", "POST");
        args.putObject("body").put("a", 1);
        JsonNode result = call(args);
        assertEquals("GET:", result.get("body").asText());
        assertNull(origin.requests().get(1).header("content-type"));
    }

    @Test
    void aBadPolicyIsInvalidArguments() throws Exception {
        origin = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "text/plain", "ok"));
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> call(JSON.createObjectNode().put("url", origin.url("/")).put("redirects", "sometimes")));
        assertEquals("InvalidArguments", f.type());
        assertTrue(origin.requests().isEmpty());
    }
}
