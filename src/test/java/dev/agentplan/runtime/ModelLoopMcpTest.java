package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.mcp.McpServers;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model loop offering MCP tools: real MCP servers from npm (server-everything, server-filesystem)
 * started by the worker, a real Temporal test server, and a scripted OpenAI-compatible model on
 * loopback. The loop lists the server's tools in an activity, sends their inputSchemas to the
 * model, checks the model's arguments against them, and gates destructive tools at run time.
 */
class ModelLoopMcpTest {

    private static final String QUEUE = "model-loop-mcp-test";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    Path dir;

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

    private WorkflowStub run(String text) {
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId("loop-mcp-" + SEQ.incrementAndGet() + "-" + System.nanoTime()).build());
        stub.start(new RunRequest(AgentTextTest.deploy("loop_mcp.agent", text), null, null, 0));
        return stub;
    }

    private static List<String> toolMessages(ScriptedModelServer.ChatRequest r) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : r.body().path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                out.add(m.path("content").asText());
            }
        }
        return out;
    }

    @Test
    void theModelCallsAnMcpToolWithItsInputSchemaAndAMisspeltArgumentIsAToolError() throws Exception {
        String everything = "ev = mcp { command [" + McpServers.quoted(McpServers.node()) + ", "
                + McpServers.quoted(McpServers.script(McpServers.EVERYTHING)) + ", \"stdio\"]  timeout 60s }";
        start(List.of(Turn.calls(new Call("ev__echo", "{\"mesage\": \"hi\"}")),
                Turn.calls(new Call("ev__echo", "{\"message\": \"hello from agentplan\"}")),
                Turn.answer("The server said: $LAST_TOOL_RESULT")));
        String text = """
                agent loop_mcp "a model calls an MCP tool"
                tools {
                  brain = llm.chat { timeout 20s  retry { attempts 3  backoff 50ms..1s } }
                  %s
                }
                report = loop brain {
                  ask "Echo a greeting through the MCP server"
                  tools [ev.echo]
                  max_turns 5
                }
                output { answer: report.answer, calls: report.calls }
                """.formatted(everything);
        RunResult r = run(text).getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));

        List<ScriptedModelServer.ChatRequest> chats = model.chats();
        assertEquals(3, chats.size());
        JsonNode offered = chats.get(0).body().path("tools");
        assertEquals(1, offered.size(), offered.toString());
        JsonNode fn = offered.get(0).path("function");
        assertEquals("ev__echo", fn.path("name").asText());
        assertEquals("Echoes back the input string", fn.path("description").asText());
        // the server's own inputSchema, as it listed it
        assertEquals("string", fn.path("parameters").path("properties").path("message").path("type").asText(), fn.toString());
        assertEquals("Message to echo", fn.path("parameters").path("properties").path("message").path("description").asText());
        assertEquals("message", fn.path("parameters").path("required").get(0).asText(), fn.toString());

        List<String> first = toolMessages(chats.get(1));
        assertEquals(1, first.size());
        assertTrue(first.get(0).startsWith("error: the arguments do not fit ev.echo's parameters"), first.get(0));
        assertTrue(first.get(0).contains("needs 'message'"), first.get(0));
        List<String> second = toolMessages(chats.get(2));
        assertTrue(second.get(1).contains("Echo: hello from agentplan"), second.get(1));

        String answer = r.output().get("answer").asText();
        assertTrue(answer.startsWith("The server said: ") && answer.contains("Echo: hello from agentplan"), answer);
        JsonNode calls = r.output().get("calls");
        assertEquals("ev.echo", calls.get(0).get("tool").asText());
        assertEquals("error", calls.get(0).get("outcome").asText());
        assertEquals("ok", calls.get(1).get("outcome").asText());
    }

    @Test
    void aWholeServerIsOfferedAndItsDestructiveToolWaitsForApproval() throws Exception {
        Path target = dir.resolve("note.txt");
        String fs = "fs = mcp { command [" + McpServers.quoted(McpServers.node()) + ", "
                + McpServers.quoted(McpServers.script(McpServers.FILESYSTEM)) + ", " + McpServers.quoted(dir)
                + "]  timeout 30s }";
        String write = "{\"path\": " + McpServers.quoted(target) + ", \"content\": \"written by the model\"}";
        start(List.of(Turn.calls(new Call("fs__write_file", write)), Turn.answer("Done: $LAST_TOOL_RESULT")));
        String text = """
                agent loop_fs "a model writes a file after a person approves"
                tools {
                  brain = llm.chat { timeout 20s }
                  %s
                }
                report = loop brain {
                  ask "Write the note"
                  tools [fs]
                  max_turns 3
                  approval_timeout 1h
                }
                output { answer: report.answer, calls: report.calls }
                """.formatted(fs);
        WorkflowStub stub = run(text);
        RunStatus s = null;
        for (int i = 0; i < 1200 && (s == null || s.pendingApprovals().isEmpty()); i++) {
            s = stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
            Thread.sleep(25);
        }
        assertFalse(s.pendingApprovals().isEmpty(), "the destructive call waits for a person: " + s);
        PendingApproval p = s.pendingApprovals().get(0);
        assertEquals("fs.write_file", p.tool());
        assertEquals("written by the model", p.arguments().path("content").asText());
        assertFalse(Files.exists(target), "nothing is written before the decision");
        JsonNode offered = model.chats().get(0).body().path("tools");
        List<String> names = new ArrayList<>();
        offered.forEach(t -> names.add(t.path("function").path("name").asText()));
        assertTrue(names.contains("fs__read_text_file") && names.contains("fs__write_file"), names.toString());
        String writeDescription = "";
        for (JsonNode t : offered) {
            if (t.path("function").path("name").asText().equals("fs__write_file")) {
                writeDescription = t.path("function").path("description").asText();
            }
        }
        assertTrue(writeDescription.contains("approval"), writeDescription);

        String reply = stub.startUpdate(UpdateOptions.newBuilder(String.class).setUpdateName(InterpreterWorkflow.DECIDE)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new GateDecision(p.gate(), true, "alice", "fine")).getResult();
        assertTrue(reply.startsWith("approved"), reply);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("written by the model", Files.readString(target));
        assertEquals("approved by alice, ok", r.output().get("calls").get(0).get("outcome").asText());
        assertTrue(r.output().get("answer").asText().contains("Successfully wrote to"), r.output().toString());
    }
}
