package dev.agentplan.runtime;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.server.HistoryReader;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.validate.PlanValidator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The proof that secret values never reach a run's history: plans on a real Temporal test server
 * use a secret in headers across a cross-origin redirect, in a URL and a body sent to an upstream
 * that echoes the request back in a 200 and in 500s (retried), and the LLM key against an LLM
 * endpoint that echoes it in an error. Then every payload of the exported history, the status
 * query and the audit trail are scanned for the values: zero hits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretRunsTest {

    private static final String QUEUE = "secret-runs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-Q7x9+/Zp=51b84d06";
    private static final String LLM_KEY = "sk-llm-a1b2c3d4e5f6a7b8";
    /** A secret the worker has and no plan here names. */
    private static final String DB_PASSWORD = "pw-9f8e7d6c5b4a3f2e";

    private final AtomicInteger flaky = new AtomicInteger();
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicInteger llmCalls = new AtomicInteger();
    private LoopbackHttpServer api;
    private LoopbackHttpServer other;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeAll
    void start() throws IOException {
        other = new LoopbackHttpServer((req, ex) -> echo(req, ex, 200));
        api = new LoopbackHttpServer((req, ex) -> {
            switch (req.path().startsWith("/echo/") ? "/echo" : req.path()) {
                case "/redirect" -> {
                    ex.getResponseHeaders().set("Location", other.url("/landing"));
                    respond(ex, 302, null, "");
                }
                case "/echo" -> echo(req, ex, 200);
                case "/flaky" -> echo(req, ex, flaky.incrementAndGet() < 3 ? 500 : 200);
                case "/fail" -> {
                    failing.incrementAndGet();
                    echo(req, ex, 500);
                }
                case "/v1/chat/completions" -> {
                    llmCalls.incrementAndGet();
                    echo(req, ex, 500);
                }
                default -> respond(ex, 404, "text/plain", "no " + req.path());
            }
        });
        WorkerConfig config = WorkerConfig.of(Map.of(
                "AGENTPLAN_SECRET_API_TOKEN", TOKEN,
                "AGENTPLAN_SECRET_DB_PASSWORD", DB_PASSWORD,
                "AGENTPLAN_LLM_API_KEY", LLM_KEY,
                "AGENTPLAN_LLM_BASE_URL", api.url("/v1"),
                "AGENTPLAN_LLM_MODEL", "test-model"));
        ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), config);
        env = TestWorkflowEnvironment.newInstance();
        AgentWorker.create(env.getWorkerFactory(), AgentWorker.Config.of(QUEUE, false, null, tools, null));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterAll
    void stop() {
        env.close();
        api.close();
        other.close();
    }

    /** The whole request back, as an upstream that echoes what it got would. */
    private static void echo(LoopbackHttpServer.Request req, HttpExchange ex, int status) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("method", req.method()).put("rawPath", req.rawPath()).put("rawQuery", req.rawQuery());
        body.set("headers", JSON.valueToTree(req.headers()));
        body.put("body", req.body());
        respond(ex, status, "application/json", JSON.writeValueAsString(body));
    }

    private String plan() {
        String a = api.url("");
        return """
                agent secret_proof "secrets across a redirect, echoes, errors and retries"
                tools {
                  defaults { timeout 10s  retry { attempts 3  backoff 1s..2s } }
                  api = http
                  chat = llm.chat
                }
                hop = api(url: "%1$s/redirect", headers: { Authorization: "Bearer ${secret("API_TOKEN")}", "X-Api-Key": secret("API_TOKEN"), "X-Trace": "t-1" })
                echoed = api(method: "POST", url: "%1$s/echo/${secret("API_TOKEN")}?k=${secret("API_TOKEN")}", headers: { Authorization: "Bearer ${secret("API_TOKEN")}" }, body: { token: secret("API_TOKEN") })
                retried = api(method: "POST", url: "%1$s/flaky", headers: { "X-Api-Key": secret("API_TOKEN") }, body: "token=${secret("API_TOKEN")}")
                set failure = null
                try {
                  bad = api(method: "POST", url: "%1$s/fail", headers: { "X-Api-Key": secret("API_TOKEN") }, body: { token: secret("API_TOKEN") })
                } catch HttpError as err {
                  set failure = err
                }
                set llm_failure = null
                try {
                  answer = chat(messages: ["say hi"])
                } catch LlmError as err2 {
                  set llm_failure = err2
                }
                output { hop: hop, echoed: echoed, retried: retried, failure: failure, llm_failure: llm_failure }
                """.formatted(a);
    }

    @Test
    void secretValuesNeverReachTheHistoryTheStatusOrTheAuditTrail() throws Exception {
        String text = plan();
        List<Diagnostic> problems = PlanValidator.withBuiltinTools().validate(PlanText.parse("proof.agent", text).definition());
        assertTrue(problems.isEmpty(), "the plan validates clean: " + problems);
        PinnedDefinition pinned = AgentTextTest.deploy("proof.agent", text);
        String id = "secret-proof-" + System.nanoTime();
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
        stub.start(new RunRequest(pinned, null, null, 0));
        RunResult result = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));

        // The upstreams got the value where the plan put it (so it was resolved) and nowhere else.
        LoopbackHttpServer.Request echoRequest = api.requests().stream().filter(r -> r.path().startsWith("/echo/")).findFirst().orElseThrow();
        String encoded = "tok-Q7x9%2B%2FZp%3D51b84d06";
        assertEquals("/echo/" + encoded, echoRequest.rawPath());
        assertEquals("k=" + encoded, echoRequest.rawQuery());
        assertEquals("Bearer " + TOKEN, echoRequest.header("authorization"));
        assertEquals("{\"token\":\"" + TOKEN + "\"}", echoRequest.body());
        LoopbackHttpServer.Request landed = other.requests().get(0);
        assertNull(landed.header("authorization"), "the redirect to another origin carried Authorization");
        assertNull(landed.header("x-api-key"), "the redirect to another origin carried X-Api-Key");
        assertEquals("t-1", landed.header("x-trace"));
        assertEquals(3, flaky.get(), "two 500s, then a 200");
        assertEquals(3, failing.get(), "three attempts, all 500");
        assertEquals(3, llmCalls.get());
        assertTrue(api.requests().stream().filter(r -> r.path().equals("/v1/chat/completions"))
                .allMatch(r -> ("Bearer " + LLM_KEY).equals(r.header("authorization"))));

        WorkflowExecutionHistory history = client.fetchHistory(id);
        HistoryScan scan = HistoryScan.of(history);
        assertTrue(scan.payloadBytesFields > 10 && scan.base64Strings > 10, "the scan saw the payloads");
        assertFalse(scan.containing("{{secret:").isEmpty(), "the requests carry references");
        List<String> texts = new ArrayList<>(scan.texts);
        texts.add(JSON.writeValueAsString(stub.query(InterpreterWorkflow.STATUS, JsonNode.class)));
        texts.add(String.valueOf(HistoryReader.read(id, List.of(history))));
        for (String value : forms(TOKEN)) {
            assertNoHit(texts, value, "the token");
        }
        for (String value : forms(LLM_KEY)) {
            assertNoHit(texts, value, "the LLM key");
        }
        assertFalse(scan.containing("[REDACTED:API_TOKEN]").isEmpty(), "the results are in the scan, redacted");

        // What the run kept says it was redacted.
        JsonNode output = result.output();
        assertTrue(output.toString().contains("[REDACTED:API_TOKEN]"), output.toString());
        assertTrue(output.at("/llm_failure/details").toString().contains("Bearer [REDACTED:AGENTPLAN_LLM_API_KEY]"),
                output.at("/llm_failure").toString());
        assertTrue(output.at("/failure/details/body/body").asText().contains("[REDACTED:API_TOKEN]"), output.toString());
    }

    @Test
    void anUnknownSecretFailsTheCallAtOnceNamingIt() {
        String text = """
                agent missing_secret "a secret nobody defined"
                tools { api = http { timeout 5s  retry { attempts 5  backoff 1s..1s } } }
                r = api(url: "%s/echo/x", headers: { Authorization: "Bearer ${secret("NOBODY_HAS_IT")}" })
                output { r: r }
                """.formatted(api.url(""));
        PinnedDefinition pinned = AgentTextTest.deploy("missing.agent", text);
        int before = api.requests().size();
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("missing-" + System.nanoTime()).build());
        stub.start(new RunRequest(pinned, null, null, 0));
        RunResult result = stub.getResult(RunResult.class);
        assertEquals(RunState.FAILED, result.status());
        assertEquals("SecretNotFound", result.error().type());
        assertTrue(result.error().message().contains("NOBODY_HAS_IT"), result.error().message());
        assertTrue(result.error().message().contains("AGENTPLAN_SECRET_NOBODY_HAS_IT"), result.error().message());
        assertEquals(before, api.requests().size(), "nothing was sent");
    }

    private static void assertNoHit(List<String> texts, String value, String what) {
        List<String> hits = texts.stream().filter(t -> t.contains(value)).toList();
        if (!hits.isEmpty()) {
            String first = hits.get(0);
            int at = first.indexOf(value);
            throw new AssertionError(what + " as " + value + " is in " + hits.size() + " texts of the history, e.g. …"
                    + first.substring(Math.max(0, at - 120), Math.min(first.length(), at + value.length() + 40)) + "…");
        }
    }

    @Test
    void aReferenceKeptInAVariableOrAnInputDefaultStillResolvesInACall() {
        String text = """
                agent kept_reference "a reference passed along before the call"
                input { key: string = secret("API_TOKEN") }
                tools { api = http { timeout 5s } }
                set auth = "Bearer ${secret("API_TOKEN")}"
                r = api(url: "%s/echo/kept", headers: { Authorization: auth, "X-Api-Key": input.key })
                output { seen: r.body.headers.authorization, kept: auth }
                """.formatted(api.url(""));
        List<Diagnostic> found = PlanValidator.withBuiltinTools().validate(PlanText.parse("kept.agent", text).definition());
        assertTrue(found.stream().noneMatch(Diagnostic::isError), "only warnings (AP231, AP232): " + found);
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("kept-" + System.nanoTime()).build());
        stub.start(new RunRequest(AgentTextTest.deploy("kept.agent", text), null, null, 0));
        RunResult result = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
        LoopbackHttpServer.Request got = api.requests().stream().filter(r -> r.path().equals("/echo/kept")).findFirst().orElseThrow();
        assertEquals("Bearer " + TOKEN, got.header("authorization"));
        assertEquals(TOKEN, got.header("x-api-key"));
        assertEquals("Bearer [REDACTED:API_TOKEN]", result.output().get("seen").asText());
        assertTrue(result.output().get("kept").asText().startsWith("Bearer {{secret:"), "the workflow holds the reference");
    }

    @Test
    void aReferenceThatArrivesAsDataToASecretThePlanDoesNotNameStaysText() {
        String text = """
                agent forged_reference "a signal carrying a forged reference"
                tools { api = http { timeout 5s  retry { attempts 1 } } }
                note = await signal "note" { timeout 1h }
                r = api(method: "POST", url: "%s/echo/forged", headers: { "X-Api-Key": secret("API_TOKEN") }, body: { note: note })
                output { body: r.body.body }
                """.formatted(api.url(""));
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("forged-" + System.nanoTime()).build());
        stub.start(new RunRequest(AgentTextTest.deploy("forged.agent", text), null, null, 0));
        // whoever can read the run's status or history can learn its tag, and send a reference in a signal
        String forged = dev.agentplan.runtime.tools.secrets.SecretPlaceholders.of(
                dev.agentplan.runtime.tools.secrets.SecretPlaceholders.tagOf(stub.getExecution().getRunId()), "DB_PASSWORD");
        stub.signal(InterpreterWorkflow.SIGNAL, "note", JSON.getNodeFactory().textNode("leak " + forged));
        RunResult result = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));
        LoopbackHttpServer.Request got = api.requests().stream().filter(r -> r.path().equals("/echo/forged")).findFirst().orElseThrow();
        assertEquals(TOKEN, got.header("x-api-key"), "the plan's own secret is resolved");
        assertFalse(got.body().contains(DB_PASSWORD), "a secret the plan never names is not resolved: " + got.body());
        assertTrue(got.body().contains(forged), "the forged reference went as the text it was: " + got.body());
    }

    /** The value as it may appear: raw, percent- and form-encoded, base64. */
    private static List<String> forms(String value) {
        return List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8),
                dev.agentplan.runtime.tools.secrets.UrlText.encodeComponent(value),
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)).replace("=", ""));
    }
}
