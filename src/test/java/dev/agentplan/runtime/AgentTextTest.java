package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.client.WorkflowStub;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A plan written in the .agent language, parsed, pinned as canonical JSON and run end to end.
 * (Lane a of the race sleeps: two instant calls racing make the Java test server lose a workflow
 * task when the loser's cancellation crosses its completion.)
 */
class AgentTextTest extends InterpreterTestBase {

    static final String TEXT = """
            agent triage "Triage an alert with echo tools"
            input { alert_id: string  service: string = "checkout" }
            tools {
              defaults { timeout 10s  retry { attempts 3  backoff 1s..2s } }
              logs = echo
              ticket = echo { effect write  idempotent }
              broken = fail { retry { attempts 1 } }
              nap = sleep { heartbeat 1s }
            }
            budget { tool_calls 20  steps 100 }
            evidence = logs(severity: "high", links: ["a", "b", "c"], service: input.service)
            if evidence.severity == "high" {
              issue = ticket(title: "Incident ${input.alert_id}", id: "T-${input.alert_id}") key "ticket-${input.alert_id}" undo ticket(delete: issue.id)
              approve restart_ok { ask "Restart ${input.service}?"  approvers ["alice", "bob"]  timeout 4h  on_timeout approve }
            } else { fail "unexpected severity" }
            for each url in evidence.links parallel 2 { page = logs(url: url) }
            results = parallel first { lane a { z = nap(duration: "20s")  r = logs(lane: "a") } lane b { r = logs(lane: "b") } }
            try { x = broken(times: 5, error: "HttpError", retryable: false) } catch HttpError as err { set x = err.type } finally { wait 1s }
            output { ticket: issue.id, pages: length(page), urls: page, x: x, winner: results.r.lane, gate: restart_ok.approved }
            """;

    /** What the repository does at deploy time: parse, encode canonically, map step paths to lines. */
    static PinnedDefinition deploy(String file, String text) {
        ParseResult parsed = PlanText.parse(file, text);
        assertFalse(parsed.hasErrors(), parsed.diagnostics().toString());
        AgentDefinition def = parsed.definition();
        Map<String, String> lines = new LinkedHashMap<>();
        for (Map.Entry<String, Step> e : StepPaths.index(def.steps()).entrySet()) {
            lines.put(e.getKey(), file + ":" + e.getValue().span().line());
        }
        String json = JsonPlanCodec.encode(def);
        return new PinnedDefinition(def.name(), 1, Sha256.of(json), json, file, lines);
    }

    private static int lineOf(String snippet) {
        String[] lines = TEXT.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(snippet)) {
                return i + 1;
            }
        }
        throw new AssertionError(snippet);
    }

    @Test
    void runsAWrittenPlanEndToEnd() {
        WorkflowStub stub = start(deploy("triage.agent", TEXT), json("{\"alert_id\": \"A7\"}"));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("T-A7", r.output().get("ticket").asText());
        assertEquals(3, r.output().get("pages").asInt());
        assertEquals("[{\"url\":\"a\"},{\"url\":\"b\"},{\"url\":\"c\"}]", r.output().get("urls").toString());
        assertEquals("HttpError", r.output().get("x").asText());
        assertEquals("b", r.output().get("winner").asText());
        assertTrue(r.output().get("gate").asBoolean(), "approved on timeout");

        ToolCallRequest ticket = TOOLS.callsOf("ticket").get(0);
        assertEquals("ticket-A7", ticket.idempotencyKey());
        assertEquals("triage.agent:" + lineOf("issue = ticket("), ticket.sourceLine());
        assertEquals("2/then/1", ticket.stepPath());
        RunStatus s = status(stub);
        StepLogEntry trying = s.stepLog().stream().filter(e -> e.path().equals("5/try/1")).findFirst().orElseThrow();
        assertEquals("triage.agent:" + lineOf("try { x = broken"), trying.line());
        assertEquals("failed: HttpError", trying.outcome());
        assertEquals("checkout", TOOLS.callsOf("logs").get(0).arguments().get("service").asText(), "default applied");
        assertEquals(List.of(), TOOLS.callsOf("ticket").stream().filter(c -> c.arguments().has("delete")).toList(),
                "no compensation after success");
    }
}
