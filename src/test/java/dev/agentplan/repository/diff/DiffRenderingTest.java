package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The text and JSON forms of a report, on an edit of the shipped incident_triage plan. */
class DiffRenderingTest {

    private static final String GATE = """
              approve restart_ok {
                ask "Restart ${input.service}? Ticket ${issue.body.key}: ${evidence.body.summary}"
                approvers ["alice", "bob"]
                timeout 4h
              }
            """;

    private static DiffReport sample() {
        String a = AgentText.example("incident_triage");
        String b = AgentText.edit(a,
                GATE, "",
                "Incident ${input.alert_id} on", "Incident #${input.alert_id} on",
                "retry { attempts 1 }", "retry { attempts 20 }",
                "tool_calls 20", "tool_calls 40",
                "  on_call: list", "  region: string = \"eu\" \"Where\"\n  on_call: list",
                "  set outcome = \"ticket only\"\n", "  set outcome = \"ticket only\"\n  approve promote { timeout 1h }\n",
                "  outcome: outcome\n", "  outcome: outcome\n  severity: evidence.body.severity\n");
        return PlanDiff.compare(AgentText.parse(a), AgentText.parse(b)).withLabels("incident_triage@1", "incident_triage@2");
    }

    @Test
    void plainText() {
        assertEquals("""
                + input region: string = "eu"
                ~ tool restart: retry attempts changed: 1 → 20
                ~ budget: tool_calls changed: 20 → 40
                ~ step 2/then/1 (issue = ticket(...)): argument body.title changed: "Incident ${input.alert_id} on ${input.service}" → "Incident #${input.alert_id} on ${input.service}"
                - step 2/then/2 approve restart_ok
                + step 2/elif1/3 approve promote
                + output severity: evidence.body.severity
                ! risk: approval gate restart_ok removed; restart (irreversible) is now reachable without approval
                ! risk: tool restart retries 20 times (was 1); it has effect irreversible
                ! risk: budget tool_calls loosened: 20 → 40
                ≈ worst-case steps: 6 → 5
                ≈ worst-case duration: 4h9m51s → 2h11m22s
                ≈ worst-case history events: 44 → 38
                ≈ worst-case history bytes: 98.1 KiB → 91.1 KiB
                = in-flight runs of incident_triage@1: can continue under incident_triage@2 only if paused at step 1, 2, 2/elif1/1, 2/elif1/2, 2/else/1 … 2/else/3 (7 steps); the first pause point that cannot is step 2/then/1: step 2/then/1 (issue = ticket(...)): argument body.title changed
                """, sample().toText(false));
    }

    @Test
    void colouredTextWrapsEveryLineInAnsiCodes() {
        String text = sample().toText(true);
        assertTrue(text.contains("\u001b[32m+ input region"), text);
        assertTrue(text.contains("\u001b[31m- step 2/then/2 approve restart_ok\u001b[0m"), text);
        assertTrue(text.contains("\u001b[33m~ tool restart"), text);
        assertTrue(text.contains("\u001b[1;31m! risk: approval gate restart_ok removed"), text);
        assertFalse(sample().toText(false).contains("\u001b"), "plain text has no escape codes");
        assertEquals(sample().toText(false), text.replaceAll("\u001b\\[[0-9;]*m", ""), "same words either way");
    }

    @Test
    void jsonForMachines() throws Exception {
        DiffReport report = sample();
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals("incident_triage@1", json.get("from").asText());
        assertFalse(json.get("empty").asBoolean());
        assertFalse(json.get("breaking").asBoolean(), "the new input has a default");
        assertEquals(report.changes().size(), json.get("changes").size());
        JsonNode body = json.get("changes").get(3);
        assertEquals("changed", body.get("kind").asText());
        assertEquals("step", body.get("subject").asText());
        assertEquals("2/then/1", body.get("path").asText());
        assertEquals("argument body.title changed", body.get("detail").asText());
        assertEquals("\"Incident #${input.alert_id} on ${input.service}\"", body.get("after").asText());
        JsonNode risk = json.get("risks").get(0);
        assertEquals("approval_gate_removed", risk.get("kind").asText());
        assertEquals("2/then/2", risk.get("path").asText());
        assertEquals("[\"promote\"]", json.get("approvalGates").get("added").toString());
        assertEquals("[\"restart_ok\"]", json.get("approvalGates").get("removed").toString());
        assertEquals(java.util.List.of("promote"), report.approvalGatesAdded());
        JsonNode compat = json.get("compatibility");
        assertEquals("2/then/1", compat.get("firstDivergence").get("path").asText());
        assertEquals(report.verdicts().size(), compat.get("steps").size());
        assertTrue(compat.get("steps").get(5).get("compatible").asBoolean() == report.compatibleAt(
                compat.get("steps").get(5).get("path").asText()).compatible());
    }

    @Test
    void emptyReport() throws Exception {
        var plan = AgentText.parse(AgentText.example("deploy_canary"));
        DiffReport r = PlanDiff.compare(plan, plan);
        assertTrue(r.isEmpty());
        assertFalse(r.hasRisks());
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertTrue(json.get("empty").asBoolean());
        assertTrue(json.get("compatibility").get("firstDivergence").isNull());
        assertEquals("\u001b[2m= no semantic changes between deploy_canary and deploy_canary\u001b[0m\n", r.toText(true));
    }
}
