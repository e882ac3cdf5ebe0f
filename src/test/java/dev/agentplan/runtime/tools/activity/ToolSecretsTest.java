package dev.agentplan.runtime.tools.activity;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.ToolResult;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activity resolves a call's secret references just before the tool runs and redacts every
 * value it resolved (and the worker's credentials) from what leaves it: results, failures of
 * every kind, heartbeats. The LLM key is a secret too.
 */
class ToolSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = SecretPlaceholders.tagOf("run-first");
    private static final String TOKEN = "tok-secret-4711";

    @TempDir
    Path dir;

    private LoopbackHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record ScriptedTool(String name, Script script) implements Tool {
        interface Script {
            ToolResult run(JsonNode arguments, ToolContext context) throws Exception;
        }

        @Override
        public ToolKind kind() {
            return new ToolKind(name, "", List.of(), true, Effect.READ, false);
        }

        @Override
        public ToolResult invoke(JsonNode arguments, ToolContext context) throws Exception {
            return script.run(arguments, context);
        }
    }

    private static ToolActivity activity(Map<String, String> config, ScriptedTool.Script script) {
        List<Tool> tools = new ArrayList<>(BuiltinTools.create());
        tools.add(new ScriptedTool("scripted", script));
        return new ToolActivity(ToolRegistry.of(tools), WorkerConfig.of(config));
    }

    /** What the activity's context would give the tool: the worker's configuration. */
    private static TestToolContext context(Map<String, String> config) {
        TestToolContext context = new TestToolContext();
        config.forEach(context::config);
        return context;
    }

    private static ToolCallRequest request(String kind, JsonNode arguments) {
        return new ToolCallRequest("t", kind, arguments, "run-1/1", "run-1", "1", "plan.agent:3", TAG);
    }

    private static String ref(String name) {
        return SecretPlaceholders.of(TAG, name);
    }

    @Test
    void theToolGetsTheValueAndEverythingItHandsBackIsRedacted() {
        List<JsonNode> seen = new ArrayList<>();
        ToolActivity activity = activity(Map.of("AGENTPLAN_SECRET_TOKEN", TOKEN), (args, ctx) -> {
            seen.add(args);
            ctx.heartbeat(Map.of("progress", "sent " + args.get("auth").asText()));
            return ToolResult.of(args);
        });
        TestToolContext context = new TestToolContext();
        ObjectNode args = ToolJson.object().put("auth", "Bearer " + ref("TOKEN"));
        ToolCallResult result = activity.call("scripted", request("scripted", args), context);
        assertEquals("Bearer " + TOKEN, seen.get(0).get("auth").asText(), "resolved just before the tool ran");
        assertEquals("Bearer [REDACTED:TOKEN]", result.value().get("auth").asText());
        assertEquals("sent Bearer [REDACTED:TOKEN]", ((JsonNode) context.heartbeats().get(0)).get("progress").asText());
        assertTrue(args.get("auth").asText().contains("{{secret:"), "the request is not changed");
    }

    @Test
    void failuresOfEveryKindAreRedacted() {
        Map<String, String> config = Map.of("AGENTPLAN_SECRET_TOKEN", TOKEN);
        JsonNode args = ToolJson.object().put("auth", ref("TOKEN"));
        ApplicationFailure typed = assertThrows(ApplicationFailure.class, () -> activity(config, (a, ctx) -> {
            throw new ToolFailure("Upstream", "echo " + a.get("auth").asText(), true, null, Map.of("echo", a.get("auth").asText()));
        }).call("scripted", request("scripted", args), new TestToolContext()));
        assertEquals("echo [REDACTED:TOKEN]", typed.getOriginalMessage());
        assertEquals("{\"echo\":\"[REDACTED:TOKEN]\"}", ToolFailures.firstDetail(typed).toString());

        ApplicationFailure unexpected = assertThrows(ApplicationFailure.class, () -> activity(config, (a, ctx) -> {
            throw new IllegalStateException("bad " + a.get("auth").asText());
        }).call("scripted", request("scripted", args), new TestToolContext()));
        assertFalse(unexpected.getOriginalMessage().contains(TOKEN), unexpected.getOriginalMessage());

        ApplicationFailure own = assertThrows(ApplicationFailure.class, () -> activity(config, (a, ctx) -> {
            throw ApplicationFailure.newFailure("plugin says " + a.get("auth").asText(), "PluginError", a.get("auth").asText());
        }).call("scripted", request("scripted", args), new TestToolContext()));
        assertEquals("plugin says [REDACTED:TOKEN]", own.getOriginalMessage());
        assertEquals("PluginError", own.getType());
        assertEquals("\"[REDACTED:TOKEN]\"", ToolFailures.firstDetail(own).toString());
    }

    @Test
    void anUnknownSecretIsNonRetryableAndTheToolNeverRuns() {
        List<JsonNode> seen = new ArrayList<>();
        ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> activity(Map.of(), (a, ctx) -> {
            seen.add(a);
            return ToolResult.of(a);
        }).call("scripted", request("scripted", ToolJson.object().put("auth", ref("NOPE"))), new TestToolContext()));
        assertEquals("SecretNotFound", f.getType());
        assertTrue(f.isNonRetryable());
        assertTrue(f.getOriginalMessage().contains("'NOPE'"), f.getOriginalMessage());
        assertTrue(seen.isEmpty());
    }

    @Test
    void theLlmKeyComesFromASecretFileAndAnEchoingErrorIsRedacted() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 500, "application/json",
                JSON.writeValueAsString(Map.of("echo", req.headers()))));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("AGENTPLAN_LLM_API_KEY"), "sk-from-a-file-99\n");
        Map<String, String> config = Map.of("AGENTPLAN_LLM_BASE_URL", server.url("/v1"), "AGENTPLAN_LLM_MODEL", "m",
                "AGENTPLAN_SECRETS_DIR", secrets.toString());
        ToolActivity activity = activity(config, (a, c) -> null);
        JsonNode args = JSON.readTree("{\"messages\": [\"hi\"]}");
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("llm.chat", request("llm.chat", args), context(config)));
        assertEquals("Bearer sk-from-a-file-99", server.requests().get(0).header("authorization"));
        String details = f.getDetails().get(0, JsonNode.class).toString();
        assertFalse(details.contains("sk-from-a-file-99"), details);
        assertTrue(details.contains("Bearer [REDACTED:AGENTPLAN_LLM_API_KEY]"), details);
    }

    @Test
    void aPlanCanGiveTheLlmKeyAsASecretAndTheWorkerKeyIsRedactedToo() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 500, "application/json",
                JSON.writeValueAsString(Map.of("echo", req.headers(), "worker", "sk-worker-1"))));
        Map<String, String> config = Map.of("AGENTPLAN_LLM_BASE_URL", server.url("/v1"), "AGENTPLAN_LLM_MODEL", "m",
                "AGENTPLAN_LLM_API_KEY", "sk-worker-1", "AGENTPLAN_SECRET_TEAM_KEY", "sk-team-2");
        ToolActivity activity = activity(config, (a, c) -> null);
        ObjectNode args = ToolJson.object().put("api_key", ref("TEAM_KEY"));
        args.putArray("messages").add("hi");
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("llm.chat", request("llm.chat", args), context(config)));
        assertEquals("Bearer sk-team-2", server.requests().get(0).header("authorization"), "the plan's key wins");
        String details = f.getDetails().get(0, JsonNode.class).toString();
        assertFalse(details.contains("sk-team-2") || details.contains("sk-worker-1"), details);
    }

    @Test
    void theLlmToolFollowsNoRedirect() throws Exception {
        LoopbackHttpServer elsewhere = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "application/json", "{}"));
        try {
            server = new LoopbackHttpServer((req, ex) -> {
                ex.getResponseHeaders().set("Location", elsewhere.url("/steal"));
                respond(ex, 307, null, "");
            });
            Map<String, String> config = Map.of("AGENTPLAN_LLM_BASE_URL", server.url("/v1"), "AGENTPLAN_LLM_MODEL", "m",
                    "AGENTPLAN_LLM_API_KEY", "sk-worker-1");
            ToolActivity activity = activity(config, (a, c) -> null);
            ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> activity.call("llm.chat",
                    request("llm.chat", JSON.readTree("{\"messages\": [\"hi\"]}")), context(config)));
            assertEquals("LlmError", f.getType());
            assertTrue(f.isNonRetryable());
            assertTrue(elsewhere.requests().isEmpty(), "the key went where the redirect pointed");
        } finally {
            elsewhere.close();
        }
    }
}
