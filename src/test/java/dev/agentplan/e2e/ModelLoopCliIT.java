package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.loop.ScriptedModelServer;
import dev.agentplan.runtime.loop.ScriptedModelServer.Call;
import dev.agentplan.runtime.loop.ScriptedModelServer.Turn;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model loop through the real jar: {@code agentplan server} (its worker's llm.chat pointed at a
 * scripted OpenAI-compatible server on loopback), a run that pauses for approval on the
 * irreversible call the model proposes, {@code status} showing the exact call, {@code approve},
 * the effect applied once, and {@code history} reading as a transcript.
 */
class ModelLoopCliIT {

    static final String PLAN = """
            agent publisher "A model researches, then publishes once a person approves"
            tools {
              brain = llm.chat { timeout 30s  retry { attempts 3  backoff 100ms..2s } }
              search = http { timeout 10s }
              publish = http { timeout 10s  effect irreversible  retry { attempts 3  backoff 100ms..1s } }
            }
            budget { tool_calls 20  cost 1  price "scripted-model" { prompt 1  completion 2 } }
            report = loop brain {
              ask "Research durable agents and publish a summary"
              tools [search, publish]
              max_turns 5
              approval_timeout 1h
            }
            output { answer: report.answer, turns: report.turns }
            """;

    @TempDir
    Path dir;

    Agentplan agentplan;
    ScriptedModelServer model;

    @AfterEach
    void stop() {
        if (agentplan != null) {
            agentplan.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private Agentplan.Result ok(String... args) throws Exception {
        Agentplan.Result r = agentplan.run(args);
        assertEquals(0, r.exit(), "agentplan " + String.join(" ", args) + "\n" + r);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
        return r;
    }

    private static RunStatus awaitState(String address, String runId, RunState... states) throws Exception {
        List<RunState> wanted = List.of(states);
        RunStatus last = null;
        try (Connection c = Connection.open(address, null)) {
            RunClient client = new RunClient(c);
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                try {
                    last = client.status(runId);
                    if (wanted.contains(last.state())) {
                        return last;
                    }
                } catch (RuntimeException notYet) {
                    // before the run's first workflow task
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("run " + runId + " never reached " + wanted + "; last status " + last);
    }

    @Test
    void aLoopPausesForApprovalShowsTheCallAppliesItOnceAndReadsAsATranscript() throws Exception {
        model = new ScriptedModelServer(List.of(
                Turn.calls(new Call("search", "{\"url\": \"$BASE/tools/search?q=durable\"}")),
                Turn.calls(new Call("publish", "{\"method\": \"POST\", \"url\": \"$BASE/tools/publish\", "
                        + "\"body\": {\"title\": \"Durable agents\"}}")),
                Turn.answer("Published the summary.")), "scripted-model");
        agentplan = new Agentplan(dir);
        String repo = dir.resolve("repo").toString();
        int port = Agentplan.freePort();
        String address = "127.0.0.1:" + port;
        Agentplan.Background server = agentplan.start(Map.of("AGENTPLAN_LLM_BASE_URL", model.baseUrl(),
                "AGENTPLAN_LLM_MODEL", "scripted-model"), "server", "--port", Integer.toString(port), "--repo", repo);
        server.await("listening on " + address, Duration.ofSeconds(60));

        Path plan = dir.resolve("publisher.agent");
        Files.writeString(plan, PLAN);
        ok("validate", plan.toString());
        ok("deploy", plan.toString(), "--repo", repo);
        String runId = ok("run", "publisher", "--detach", "--id", "pub-1", "--address", address, "--repo", repo)
                .out().strip();
        assertEquals("pub-1", runId);

        awaitState(address, runId, RunState.WAITING_APPROVAL);
        Agentplan.Result waiting = ok("status", runId, "--address", address);
        assertTrue(waiting.out().contains("WAITING_APPROVAL"), waiting.toString());
        assertTrue(waiting.out().contains("publish@turn2.1"), waiting.toString());
        assertTrue(waiting.out().contains("proposed call: publish {\"method\":\"POST\",\"url\":\"" + model.url("")
                + "/tools/publish\",\"body\":{\"title\":\"Durable agents\"}}"), waiting.toString());
        assertTrue(waiting.out().contains("model_turns"), waiting.toString());
        assertTrue(waiting.out().contains("tokens"), waiting.toString());
        assertEquals(0, model.effectsApplied(), "nothing is published before the decision");

        ok("approve", runId, "publish@turn2.1", "--as", "alice", "--comment", "reviewed", "--address", address);
        awaitState(address, runId, RunState.COMPLETED, RunState.FAILED, RunState.CANCELLED);
        Agentplan.Result done = ok("status", runId, "--address", address);
        assertTrue(done.out().contains("COMPLETED"), done.toString());
        assertTrue(done.out().contains("Published the summary."), done.toString());
        assertEquals(1, model.effectsApplied());
        assertEquals(Map.of("Durable agents", 1), model.appliedByTitle());

        Agentplan.Result history = ok("history", runId, "--address", address);
        String h = history.out();
        int turn1 = h.indexOf("turn 1");
        int search = h.indexOf("chose   search");
        int searched = h.indexOf("tool     search (http)");
        int turn2 = h.indexOf("turn 2");
        int proposed = h.indexOf("chose   publish");
        int approved = h.indexOf("approval publish@turn2.1 approved by alice: \"reviewed\"  at step 1 (publisher.agent:8)");
        int published = h.indexOf("tool     publish (http)");
        int turn3 = h.indexOf("turn 3");
        int answer = h.indexOf("answer  Published the summary.");
        assertTrue(turn1 >= 0 && search > turn1 && searched > search && turn2 > searched && proposed > turn2
                && approved > proposed && published > approved && turn3 > published && answer > turn3, h);
        assertTrue(h.contains("turn 1   brain (llm.chat)  at step 1 (publisher.agent:8)"), h);
        assertTrue(h.contains("asked   user: Research durable agents and publish a summary"), h);
        assertTrue(h.contains("asked   tool: {\"status\":200"), h);
        assertTrue(h.contains("\"published\":true"), h);
    }
}
