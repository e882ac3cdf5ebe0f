package dev.agentplan.runtime.tools.builtin;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.ToolConfigKeys;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a loopback server speaking the OpenAI chat-completions protocol (a paid API cannot run here). */
class LlmChatToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmChatTool tool = new LlmChatTool();
    private LoopbackHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Answers like a chat-completions endpoint: content, tool calls and usage derived from the request. */
    private void fakeOpenAi() throws IOException {
        server = new LoopbackHttpServer((req, ex) -> {
            JsonNode body = JSON.readTree(req.body());
            boolean jsonMode = body.path("response_format").path("type").asText().equals("json_object");
            String lastUser = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
            String content = jsonMode ? "{\"echo\": \"" + lastUser + "\"}" : "You said: " + lastUser;
            String toolCalls = body.has("tools")
                    ? ", \"tool_calls\": [{\"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": \""
                    + body.path("tools").get(0).path("function").path("name").asText()
                    + "\", \"arguments\": \"{\\\"city\\\": \\\"Oslo\\\"}\"}}]"
                    : "";
            int prompt = body.path("messages").size() * 10;
            respond(ex, 200, "application/json", "{\"id\": \"chatcmpl-1\", \"model\": \"" + body.path("model").asText() + "-2025\","
                    + " \"choices\": [{\"index\": 0, \"finish_reason\": \"stop\", \"message\": {\"role\": \"assistant\","
                    + " \"content\": " + JSON.writeValueAsString(content) + toolCalls + "}}],"
                    + " \"usage\": {\"prompt_tokens\": " + prompt + ", \"completion_tokens\": 5, \"total_tokens\": " + (prompt + 5) + "}}");
        });
    }

    private TestToolContext configured() {
        return new TestToolContext()
                .config(ToolConfigKeys.LLM_BASE_URL, server.url("/v1/"))
                .config(ToolConfigKeys.LLM_MODEL, "tiny")
                .config(ToolConfigKeys.LLM_API_KEY, "sk-test")
                .config(ToolConfigKeys.LLM_PRICE_PER_1K_TOKENS, "0.002");
    }

    @Test
    void chatReturnsContentUsageModelAndCost() throws Exception {
        fakeOpenAi();
        ToolResult result = tool.invoke(JSON.readTree(
                "{\"system\": \"Be brief.\", \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}],"
                        + " \"temperature\": 0.2, \"max_tokens\": 50}"), configured());
        JsonNode value = result.value();
        assertEquals("You said: hello", value.get("content").asText());
        assertTrue(value.get("json").isNull());
        assertEquals(0, value.get("tool_calls").size());
        assertEquals(20, value.at("/usage/prompt_tokens").asInt());
        assertEquals(5, value.at("/usage/completion_tokens").asInt());
        assertEquals(25, value.at("/usage/total_tokens").asInt());
        assertEquals("tiny-2025", value.get("model").asText());
        // 25 tokens at 0.002 per 1000
        assertEquals(0, new BigDecimal("0.00005").compareTo(result.cost()), result.cost().toPlainString());

        LoopbackHttpServer.Request request = server.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer sk-test", request.header("Authorization"));
        JsonNode sent = JSON.readTree(request.body());
        assertEquals("tiny", sent.get("model").asText());
        assertEquals("system", sent.at("/messages/0/role").asText());
        assertEquals("Be brief.", sent.at("/messages/0/content").asText());
        assertEquals(0.2, sent.get("temperature").asDouble());
        assertEquals(50, sent.get("max_tokens").asInt());
        assertFalse(sent.has("response_format"));
    }

    @Test
    void endpointModelAndKeyMayComeFromSecrets() throws Exception {
        fakeOpenAi();
        TestToolContext fromSecrets = new TestToolContext()
                .secret(ToolConfigKeys.LLM_BASE_URL, server.url("/v1"))
                .secret(ToolConfigKeys.LLM_MODEL, "vaulted")
                .secret(ToolConfigKeys.LLM_API_KEY, "sk-vault");
        JsonNode value = tool.invoke(JSON.readTree("{\"messages\": [\"hi\"]}"), fromSecrets).value();
        assertEquals("You said: hi", value.get("content").asText());
        LoopbackHttpServer.Request request = server.requests().get(0);
        assertEquals("Bearer sk-vault", request.header("Authorization"));
        assertEquals("vaulted", JSON.readTree(request.body()).get("model").asText());
        // a worker setting wins over a secret of the same name
        tool.invoke(JSON.readTree("{\"messages\": [\"hi\"]}"), fromSecrets.config(ToolConfigKeys.LLM_MODEL, "configured"));
        assertEquals("configured", JSON.readTree(server.requests().get(1).body()).get("model").asText());
    }

    @Test
    void jsonModeParsesTheAnswer() throws Exception {
        fakeOpenAi();
        JsonNode value = tool.invoke(JSON.readTree("{\"json\": true, \"messages\": [\"ping\"]}"), configured()).value();
        assertEquals("ping", value.at("/json/echo").asText());
        JsonNode sent = JSON.readTree(server.requests().get(0).body());
        assertEquals("json_object", sent.at("/response_format/type").asText());
        assertEquals("user", sent.at("/messages/0/role").asText());
    }

    @Test
    void functionToolsAreSentAndToolCallsParsed() throws Exception {
        fakeOpenAi();
        JsonNode value = tool.invoke(JSON.readTree("{\"messages\": [\"weather?\"], \"tools\": [{\"name\": \"get_weather\","
                + " \"description\": \"weather of a city\", \"parameters\": {\"type\": \"object\"}}]}"), configured()).value();
        JsonNode sent = JSON.readTree(server.requests().get(0).body());
        assertEquals("function", sent.at("/tools/0/type").asText());
        assertEquals("get_weather", sent.at("/tools/0/function/name").asText());
        assertEquals("get_weather", value.at("/tool_calls/0/name").asText());
        assertEquals("call_1", value.at("/tool_calls/0/id").asText());
        assertEquals("Oslo", value.at("/tool_calls/0/arguments/city").asText());
    }

    @Test
    void modelAndEndpointCannotComeFromArguments() throws Exception {
        fakeOpenAi();
        tool.invoke(JSON.readTree("{\"messages\": [\"hi\"], \"model\": \"expensive\", \"base_url\": \"http://elsewhere\"}"), configured());
        JsonNode sent = JSON.readTree(server.requests().get(0).body());
        assertEquals("tiny", sent.get("model").asText());
        assertEquals(1, server.requests().size());
    }

    @Test
    void missingConfigurationIsNotRetryable() {
        TestToolContext context = new TestToolContext().config(ToolConfigKeys.LLM_MODEL, "tiny");
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.readTree("{\"messages\": [\"hi\"]}"), context));
        assertEquals("LlmNotConfigured", f.type());
        assertFalse(f.retryable());
        assertTrue(f.getMessage().contains(ToolConfigKeys.LLM_BASE_URL), f.getMessage());
    }

    @Test
    void rateLimitIsRetryableWithRetryAfter() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> {
            ex.getResponseHeaders().set("Retry-After", "3");
            respond(ex, 429, "application/json", "{\"error\": {\"message\": \"rate limited\"}}");
        });
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.readTree("{\"messages\": [\"hi\"]}"), configured()));
        assertEquals("LlmError", f.type());
        assertTrue(f.retryable());
        assertEquals(Duration.ofSeconds(3), f.retryAfter());
    }

    @Test
    void serverErrorIsRetryableAndBadRequestIsNot() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, req.body().contains("bad") ? 400 : 500, "application/json", "{}"));
        ToolFailure serverError = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.readTree("{\"messages\": [\"hi\"]}"), configured()));
        assertTrue(serverError.retryable());
        ToolFailure badRequest = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.readTree("{\"messages\": [\"bad\"]}"), configured()));
        assertEquals("LlmError", badRequest.type());
        assertFalse(badRequest.retryable());
        assertEquals(400, ((JsonNode) badRequest.details()).get("status").asInt());
    }
}
