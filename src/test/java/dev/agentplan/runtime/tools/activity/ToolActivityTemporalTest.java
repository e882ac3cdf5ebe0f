package dev.agentplan.runtime.tools.activity;

import static dev.agentplan.runtime.tools.LoopbackHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.runtime.tools.LoopbackHttpServer;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import dev.agentplan.runtime.tools.ToolCallsWorkflow;
import dev.agentplan.runtime.tools.ToolCallsWorkflowImpl;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tool calls through a real (in-process) Temporal server: activity type = kind, retries per
 * policy, and exactly-once effects when responses are lost.
 */
class ToolActivityTemporalTest {

    private static final String QUEUE = "tools-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private LoopbackHttpServer server;
    private int workflowCount;

    @BeforeEach
    void startTemporal() {
        // Real time: retries and Retry-After delays are observed as they happen.
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(ToolCallsWorkflowImpl.class);
        worker.registerActivitiesImplementations(new ToolActivity(BuiltinTools.withDiscoveredTools(), WorkerConfig.of(Map.of())));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
        if (server != null) {
            server.close();
        }
    }

    private static ToolPolicy retries(int attempts, String... nonRetryable) {
        return new ToolPolicy(Duration.ofSeconds(10), null, null,
                new RetryPolicy(attempts, Duration.ofMillis(50), 1.0, Duration.ofMillis(50), List.of(nonRetryable)),
                null, null, null, null);
    }

    private static ToolCallRequest call(String kind, String key, String argumentsJson) throws Exception {
        return new ToolCallRequest("t", kind, JSON.readTree(argumentsJson), key, "run-1", "1", "plan.agent:1");
    }

    private String workflowId;

    private List<ToolCallResult> run(ToolPolicy policy, ToolCallRequest... requests) {
        workflowId = "tools-" + (++workflowCount);
        ToolCallsWorkflow workflow = client.newWorkflowStub(ToolCallsWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(workflowId).setWorkflowExecutionTimeout(Duration.ofMinutes(1)).build());
        return workflow.run(List.of(requests), policy);
    }

    private List<HistoryEvent> events(EventType type) {
        List<HistoryEvent> out = new ArrayList<>();
        for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
            if (e.getEventType() == type) {
                out.add(e);
            }
        }
        return out;
    }

    private static ApplicationFailure applicationFailure(WorkflowFailedException e) {
        ActivityFailure activity = assertInstanceOf(ActivityFailure.class, e.getCause());
        return assertInstanceOf(ApplicationFailure.class, activity.getCause());
    }

    @Test
    void theActivityTypeIsTheToolKind() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 200, "application/json", "{\"severity\": \"high\"}"));
        List<ToolCallResult> results = run(retries(3), call("http", "run-1/1", "{\"url\": \"" + server.url("/alerts/7") + "\"}"));

        assertEquals("high", results.get(0).value().at("/body/severity").asText());
        assertEquals(1, results.get(0).attempt());
        List<HistoryEvent> scheduled = events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
        assertEquals(1, scheduled.size());
        assertEquals("http", scheduled.get(0).getActivityTaskScheduledEventAttributes().getActivityType().getName());
        assertEquals(3, scheduled.get(0).getActivityTaskScheduledEventAttributes().getRetryPolicy().getMaximumAttempts());
        assertEquals("run-1/1", server.requests().get(0).header("Idempotency-Key"));
    }

    @Test
    void retryableFailuresAreRetriedUpToMaxAttempts() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 503, "text/plain", "down"));
        WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
                () -> run(retries(3), call("http", "k", "{\"url\": \"" + server.url("/") + "\"}")));

        ApplicationFailure failure = applicationFailure(e);
        assertEquals("HttpError", failure.getType());
        assertEquals(503, failure.getDetails().get(JsonNode.class).get("status").asInt());
        assertEquals(3, server.requests().size());
        assertEquals(3, events(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).get(0).getActivityTaskStartedEventAttributes().getAttempt());
    }

    @Test
    void nonRetryableFailuresAreNotRetried() throws Exception {
        server = new LoopbackHttpServer((req, ex) -> respond(ex, 404, "text/plain", "no such alert"));
        WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
                () -> run(retries(5), call("http", "k", "{\"url\": \"" + server.url("/") + "\"}")));

        ApplicationFailure failure = applicationFailure(e);
        assertEquals("HttpError", failure.getType());
        assertTrue(failure.isNonRetryable());
        assertEquals(1, server.requests().size());
    }

    @Test
    void typesThePolicyMarksNonRetryableAreNotRetried() throws Exception {
        WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
                () -> run(retries(5, "Fatal"), call("fail", "k", "{\"times\": 4, \"error\": \"Fatal\"}")));

        assertEquals("Fatal", applicationFailure(e).getType());
        assertEquals(1, events(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED).get(0).getActivityTaskStartedEventAttributes().getAttempt());
    }

    @Test
    void aFlakyToolSucceedsOnALaterAttempt() throws Exception {
        List<ToolCallResult> results = run(retries(3), call("fail", "k", "{\"times\": 2, \"result\": {\"ok\": true}}"));
        assertEquals(3, results.get(0).attempt());
        assertTrue(results.get(0).value().get("ok").asBoolean());
    }

    @Test
    void retryAfterDelaysTheNextAttempt() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        server = new LoopbackHttpServer((req, ex) -> {
            if (seen.incrementAndGet() == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                respond(ex, 503, "text/plain", "busy");
            } else {
                respond(ex, 200, "text/plain", "ok");
            }
        });
        List<ToolCallResult> results = run(retries(3), call("http", "k", "{\"url\": \"" + server.url("/") + "\"}"));

        assertEquals(2, results.get(0).attempt());
        List<LoopbackHttpServer.Request> requests = server.requests();
        Duration gap = Duration.ofNanos(requests.get(1).nanoTime() - requests.get(0).nanoTime());
        // The policy alone would retry after 50 ms.
        assertTrue(gap.compareTo(Duration.ofMillis(900)) >= 0, "retried after " + gap.toMillis() + " ms");
    }

    @Test
    void heartbeatsKeepALongCallAlive() throws Exception {
        // Without heartbeats reaching the server, the 2 s heartbeat timeout would fail this call.
        ToolPolicy policy = new ToolPolicy(Duration.ofSeconds(20), null, Duration.ofSeconds(2),
                new RetryPolicy(1, null, null, null, List.of()), null, null, null, null);
        List<ToolCallResult> results = run(policy, call("sleep", "k", "{\"duration\": \"3500ms\"}"));
        assertEquals(3500, results.get(0).value().get("slept_ms").asInt());
    }

    @Test
    void execIsKilledWithinTheAttemptsStartToClose() throws Exception {
        ToolPolicy policy = new ToolPolicy(Duration.ofSeconds(3), null, null,
                new RetryPolicy(1, null, null, null, List.of()), null, null, null, null);
        WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
                () -> run(policy, call("exec", "k", "{\"argv\": [\"/bin/sleep\", \"30\"]}")));
        // The tool's own Timeout (reported before the server's start-to-close fires) proves it saw the limit.
        ApplicationFailure failure = applicationFailure(e);
        assertEquals("Timeout", failure.getType());
    }

    /**
     * A ledger service that applies each Idempotency-Key once and remembers its response. Some
     * responses are lost after the effect was applied (dropped connection, or a 503 from a proxy),
     * so the activity retries with the same key; every effect must still be applied exactly once.
     */
    @Test
    void lostResponsesAreRetriedWithTheSameKeyAndEffectsApplyOnce() throws Exception {
        Object lock = new Object();
        List<String> ledger = new ArrayList<>();
        Map<String, Integer> applied = new HashMap<>();
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, String> remembered = new HashMap<>();
        server = new LoopbackHttpServer((req, ex) -> {
            String key = req.header("Idempotency-Key");
            String item = JSON.readTree(req.body()).get("item").asText();
            int delivery;
            String response;
            synchronized (lock) {
                // How often this item arrived decides whether its response gets lost.
                delivery = deliveries.merge(item, 1, Integer::sum);
                response = remembered.get(key);
                if (response == null) {
                    ledger.add(item);
                    applied.merge(key, 1, Integer::sum);
                    response = "{\"entry\": " + ledger.size() + ", \"item\": \"" + item + "\"}";
                    remembered.put(key, response);
                }
            }
            int index = Integer.parseInt(item.substring("item-".length()));
            if (index % 3 == 0 && delivery == 1) {
                LoopbackHttpServer.dropConnection();
            } else if (index % 3 == 1 && delivery <= 2) {
                respond(ex, 503, "text/plain", "proxy lost the upstream response");
            } else {
                respond(ex, 201, "application/json", response);
            }
        });

        int calls = 6;
        ToolCallRequest[] requests = new ToolCallRequest[calls];
        for (int i = 0; i < calls; i++) {
            ObjectNode args = JSON.createObjectNode();
            args.put("method", "POST");
            args.put("url", server.url("/ledger"));
            args.putObject("body").put("item", "item-" + i);
            requests[i] = new ToolCallRequest("ledger", "http", args, "run-1/4/body/1#" + i, "run-1", "4/body/1", "plan.agent:9");
        }
        List<ToolCallResult> results = run(retries(5), requests);

        assertEquals(calls, results.size());
        List<String> expectedLedger = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            expectedLedger.add("item-" + i);
            JsonNode body = results.get(i).value().get("body");
            assertEquals("item-" + i, body.get("item").asText());
            assertEquals(i + 1, body.get("entry").asInt());
            int expectedAttempts = i % 3 == 0 ? 2 : i % 3 == 1 ? 3 : 1;
            assertEquals(expectedAttempts, results.get(i).attempt(), "attempts of call " + i);
        }
        synchronized (lock) {
            assertEquals(expectedLedger, ledger);
            applied.forEach((key, times) -> assertEquals(1, times, "effect of " + key));
            assertEquals(calls, applied.size());
            int totalDeliveries = deliveries.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(2 * 2 + 3 * 2 + 1 * 2, totalDeliveries);
        }
        assertFalse(server.requests().stream().anyMatch(r -> r.header("Idempotency-Key") == null));
    }
}
