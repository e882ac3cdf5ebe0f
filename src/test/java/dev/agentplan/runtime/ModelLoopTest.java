package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.loop.ScriptedModelServer;
import dev.agentplan.runtime.loop.ScriptedModelServer.Call;
import dev.agentplan.runtime.loop.ScriptedModelServer.Turn;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model loop on a real Temporal test server with the real llm.chat and http tools, against a
 * scripted OpenAI-compatible server on loopback (the only stand-in: for a paid model API).
 */
class ModelLoopTest {

    private static final String QUEUE = "model-loop-test";
    private static final AtomicInteger SEQ = new AtomicInteger();

    static final String PLAN = """
            agent loop_demo "a model picks among tools"
            input { topic: string = "durable agents" }
            tools {
              defaults { timeout 10s  retry { attempts 3  backoff 50ms..1s } }
              brain = llm.chat { timeout 20s  retry { attempts 4  backoff 50ms..2s } }
              search = http
              fetch = http
              publish = http { effect irreversible }
            }
            budget { tool_calls 30  cost 1  price "scripted-model" { prompt 1  completion 2 } }
            report = loop brain {
              ask "Research ${input.topic} and publish a summary"
              context { topic: input.topic }
              tools [search, fetch, publish]
              max_turns %d
              approval_timeout 1h
              approvers ["alice", "bob"]
            }
            output { answer: report.answer, turns: report.turns, tokens: report.tokens.total, cost: report.cost, calls: report.calls }
            """;

    private ScriptedModelServer model;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    private void start(List<Turn> script) throws Exception {
        model = new ScriptedModelServer(script);
        WorkerConfig config = WorkerConfig.of(Map.of("AGENTPLAN_LLM_BASE_URL", model.baseUrl(),
                "AGENTPLAN_LLM_MODEL", "scripted-model"));
        ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), config);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        AgentWorker.create(env.getWorkerFactory(), AgentWorker.Config.of(QUEUE, false, null, tools, null));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private WorkflowStub run(int maxTurns, long continueAsNewAfterEvents) {
        return run(PLAN.formatted(maxTurns), continueAsNewAfterEvents);
    }

    private WorkflowStub run(String text, long continueAsNewAfterEvents) {
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId("loop-" + SEQ.incrementAndGet() + "-" + System.nanoTime()).build());
        PinnedDefinition pinned = AgentTextTest.deploy("loop_demo.agent", text);
        stub.start(new RunRequest(pinned, null, null, continueAsNewAfterEvents));
        return stub;
    }

    private static RunStatus awaitStatus(WorkflowStub stub, Predicate<RunStatus> until) throws InterruptedException {
        RunStatus s = null;
        for (int i = 0; i < 800; i++) {
            s = stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
            if (until.test(s)) {
                return s;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the run never got there; last status " + s);
    }

    private static String decide(WorkflowStub stub, GateDecision d) {
        return stub.startUpdate(UpdateOptions.newBuilder(String.class).setUpdateName(InterpreterWorkflow.DECIDE)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), d).getResult();
    }

    /** The tool messages of a chat request, in order. */
    private static List<String> toolMessages(ScriptedModelServer.ChatRequest r) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode m : r.body().path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                out.add(m.path("content").asText());
            }
        }
        return out;
    }

    private static final String SEARCH = "{\"url\": \"$BASE/tools/search?q=temporal\"}";
    private static final String FETCH = "{\"url\": \"$BASE/tools/fetch?page=1\"}";
    private static final String PUBLISH = "{\"method\": \"POST\", \"url\": \"$BASE/tools/publish\", \"body\": {\"title\": \"Durable agents\"}}";

    @Test
    void callsTwoToolsThenAnswers() throws Exception {
        start(List.of(Turn.calls(new Call("search", SEARCH)), Turn.calls(new Call("fetch", FETCH)),
                Turn.answer("Agents stay durable on Temporal.")));
        RunResult r = run(6, 0).getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("Agents stay durable on Temporal.", r.output().get("answer").asText());
        assertEquals(3, r.output().get("turns").asInt());
        assertEquals(360, r.output().get("tokens").asInt());
        // the plan's price: 1 per million prompt tokens, 2 per million completion tokens
        assertEquals(0, new BigDecimal("0.00042").compareTo(r.output().get("cost").decimalValue()), r.output().toString());
        assertEquals(0, new BigDecimal("0.00042").compareTo(r.counts().cost()));
        assertEquals(List.of("/tools/search?q=temporal", "/tools/fetch?page=1"), model.reads());
        JsonNode calls = r.output().get("calls");
        assertEquals("search", calls.get(0).get("tool").asText());
        assertEquals("ok", calls.get(1).get("outcome").asText());
        assertEquals(5, r.counts().toolCalls(), "three turns and two tool calls");

        List<ScriptedModelServer.ChatRequest> chats = model.chats();
        assertEquals(3, chats.size());
        JsonNode first = chats.get(0).body();
        assertTrue(first.path("messages").get(1).path("content").asText().contains("Research durable agents"));
        assertTrue(first.path("messages").get(1).path("content").asText().contains("\"topic\":\"durable agents\""));
        JsonNode offered = first.path("tools");
        assertEquals(3, offered.size());
        assertEquals("search", offered.get(0).path("function").path("name").asText());
        assertEquals("url", offered.get(0).path("function").path("parameters").path("required").get(0).asText());
        assertTrue(offered.get(2).path("function").path("description").asText().contains("approval"));
        List<String> results = toolMessages(chats.get(2));
        assertEquals(2, results.size());
        assertTrue(results.get(0).contains("/tools/search"), results.get(0));
        assertTrue(results.get(1).contains("/tools/fetch"), results.get(1));
    }

    @Test
    void anIrreversibleCallWaitsForApprovalAndIsAppliedOnce() throws Exception {
        start(List.of(Turn.calls(new Call("publish", PUBLISH)), Turn.answer("Published.")));
        WorkflowStub stub = run(4, 0);
        RunStatus s = awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        assertEquals(RunState.WAITING_APPROVAL, s.state());
        PendingApproval p = s.pendingApprovals().get(0);
        assertEquals("publish@turn1.1", p.gate());
        assertEquals("publish", p.tool());
        assertEquals("Durable agents", p.arguments().path("body").path("title").asText());
        assertTrue(p.prompt().contains("The model proposes publish("), p.prompt());
        assertTrue(p.prompt().contains("is irreversible"), p.prompt());
        assertEquals(List.of("alice", "bob"), p.approvers());
        assertEquals(0, model.effectsApplied(), "nothing is applied before the decision");
        io.temporal.client.WorkflowUpdateException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.temporal.client.WorkflowUpdateException.class,
                () -> decide(stub, new GateDecision("publish@turn1.1", true, "mallory", null)));
        assertTrue(String.valueOf(refused.getCause().getMessage()).contains("'mallory' may not decide"), refused.toString());
        assertEquals(1, stub.query(InterpreterWorkflow.STATUS, RunStatus.class).pendingApprovals().size(), "still pending");
        BudgetUse turns = s.budget().stream().filter(b -> b.name().equals("model_turns")).findFirst().orElseThrow();
        assertEquals(1, turns.used().intValue());
        BudgetUse tokens = s.budget().stream().filter(b -> b.name().equals("tokens")).findFirst().orElseThrow();
        assertEquals(120, tokens.used().intValue());

        assertEquals("approved publish@turn1.1", decide(stub, new GateDecision("publish@turn1.1", true, "alice", "go")));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(1, model.effectsApplied());
        assertEquals(Map.of("Durable agents", 1), model.appliedByTitle());
        assertEquals("approved by alice, ok", r.output().get("calls").get(0).get("outcome").asText());
        List<String> results = toolMessages(model.chats().get(1));
        assertTrue(results.get(0).contains("\"published\":true"), results.get(0));
        RunStatus end = stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
        ApprovalRecord rec = end.approvals().get(0);
        assertEquals("publish@turn1.1", rec.gate());
        assertEquals("alice", rec.approver());
    }

    @Test
    void aRejectedCallGoesBackToTheModelAsItsResult() throws Exception {
        start(List.of(Turn.calls(new Call("publish", PUBLISH)), Turn.answer("Not published: a person said no.")));
        WorkflowStub stub = run(4, 0);
        awaitStatus(stub, st -> !st.pendingApprovals().isEmpty());
        assertEquals("rejected publish@turn1.1", decide(stub, new GateDecision("publish@turn1.1", false, "bob", "not now")));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(0, model.effectsApplied());
        assertEquals(0, model.publishDeliveries());
        assertEquals("rejected", r.output().get("calls").get(0).get("outcome").asText());
        List<String> results = toolMessages(model.chats().get(1));
        assertEquals("rejected by bob: not now; the call was not made", results.get(0));
    }

    @Test
    void maxTurnsEndsTheLoopWithATypedFailure() throws Exception {
        start(List.of(Turn.calls(new Call("search", SEARCH)), Turn.calls(new Call("search", SEARCH)),
                Turn.calls(new Call("search", SEARCH))));
        RunResult r = run(2, 0).getResult(RunResult.class);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("MaxTurnsExceeded", r.error().type());
        assertTrue(r.error().message().contains("did not answer within its max_turns of 2"), r.error().message());
        assertEquals("loop_demo.agent:11", r.error().line());
        assertEquals(2, model.chats().size(), "no third turn");
        assertEquals(2, r.error().details().path("calls").size());
    }

    @Test
    void malformedCallsGoBackToTheModelAsToolErrors() throws Exception {
        start(List.of(Turn.calls(new Call("search", "{\"url\": \"$BASE/tools/search\""), new Call("lookup", "{}"),
                        new Call("fetch", "{\"uri\": \"$BASE/tools/fetch\"}"), new Call("fetch", "{\"url\": 7}")),
                Turn.answer("I could not use the tools.")));
        RunResult r = run(4, 0).getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals(List.of(), model.reads(), "no malformed call reached a tool");
        List<String> errors = toolMessages(model.chats().get(1));
        assertEquals(4, errors.size());
        assertTrue(errors.get(0).startsWith("error: the arguments of search must be a JSON object, and this is not valid JSON"), errors.get(0));
        assertEquals("error: there is no tool 'lookup'; the tools are search, fetch, publish", errors.get(1));
        assertTrue(errors.get(2).contains("arguments needs 'url'"), errors.get(2));
        assertTrue(errors.get(2).contains("arguments has no 'uri'"), errors.get(2));
        assertTrue(errors.get(3).contains("arguments.url must be a string, not a number"), errors.get(3));
        for (JsonNode call : r.output().get("calls")) {
            assertEquals("error", call.get("outcome").asText());
        }
    }

    @Test
    void aThrottledTurnWaitsForRetryAfter() throws Exception {
        start(List.of(Turn.calls(new Call("search", SEARCH)).throttled(1, 1), Turn.answer("done")));
        RunResult r = run(4, 0).getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        List<ScriptedModelServer.ChatRequest> chats = model.chats();
        assertEquals(429, chats.get(0).status());
        assertEquals(200, chats.get(1).status());
        assertEquals(1, chats.get(1).turn(), "the same turn again");
        Duration gap = Duration.ofNanos(chats.get(1).nanoTime() - chats.get(0).nanoTime());
        // the model tool's own backoff would retry after 50 ms
        assertTrue(gap.compareTo(Duration.ofMillis(900)) >= 0, "retried after " + gap.toMillis() + " ms");
        assertEquals(2, r.output().get("turns").asInt());
    }

    @Test
    void aSecretNeverReachesTheModel() throws Exception {
        start(List.of(Turn.answer("I saw nothing")));
        // AP165 catches secret() written in ask/context; one that arrives through a variable is stopped at run time
        String text = PLAN.formatted(4).replace("report = loop brain {", "set key = secret(\"SEARCH_KEY\")\nreport = loop brain {")
                .replace("context { topic: input.topic }", "context { topic: input.topic, key: key }");
        RunResult r = run(text, 0).getResult(RunResult.class);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("SecretInPrompt", r.error().type(), String.valueOf(r.error()));
        assertEquals(List.of(), model.chats(), "the model was never asked");
    }

    @Test
    void theConversationSurvivesContinueAsNew() throws Exception {
        start(List.of(Turn.calls(new Call("search", SEARCH)), Turn.calls(new Call("fetch", FETCH)),
                Turn.calls(new Call("search", SEARCH)), Turn.answer("three reads later")));
        RunResult r = run(6, 8).getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertTrue(r.counts().segments() > 1, "continued as new: " + r.counts());
        assertEquals("three reads later", r.output().get("answer").asText());
        assertEquals(4, r.output().get("turns").asInt());
        assertEquals(480, r.output().get("tokens").asInt());
        assertEquals(3, r.output().get("calls").size());
        List<ScriptedModelServer.ChatRequest> chats = model.chats();
        assertEquals(4, chats.size(), "no turn repeated across segments");
        assertEquals(3, toolMessages(chats.get(3)).size(), "the last turn saw every earlier result");
        assertEquals(3, model.reads().size());
    }
}
