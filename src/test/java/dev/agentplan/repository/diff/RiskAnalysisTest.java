package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Risks: lost approval gates, calls that now need a gate, tools made less safe, retries and budgets loosened. */
class RiskAnalysisTest {

    private static final String TOOLS = """
            agent a
            tools {
              look = http
              restart = exec { effect irreversible  approval required }
              note = http { effect write }
            }
            """;

    private static List<String> risks(String a, String b) {
        return PlanDiff.compare(AgentText.parse(a), AgentText.parse(b)).risks().stream()
                .map(r -> r.kind() + ": " + r.message()).toList();
    }

    @Test
    void removingTheGateBeforeAnIrreversibleCallNamesWhatIsExposed() {
        String a = TOOLS + """
                if true {
                  approve restart_ok { ask "restart?"  timeout 1h }
                  restart(argv: ["x"])
                }
                """;
        String b = TOOLS + """
                if true {
                  restart(argv: ["x"])
                }
                """;
        assertEquals(List.of("APPROVAL_GATE_REMOVED: approval gate restart_ok removed; restart (irreversible) "
                + "is now reachable without approval"), risks(a, b));
        DiffReport r = PlanDiff.compare(AgentText.parse(a), AgentText.parse(b));
        assertEquals("1/then/1", r.risks().get(0).path(), "the gate's path in A");
        assertTrue(r.toText(false).contains("! risk: approval gate restart_ok removed; restart (irreversible) is now "
                + "reachable without approval\n"), r.toText(false));
    }

    @Test
    void removingAGateThatGuardedNothingIsStillARisk() {
        assertEquals(List.of("APPROVAL_GATE_REMOVED: approval gate extra removed"),
                risks(TOOLS + "approve extra { timeout 1h }\nlook(url: \"u\")\n", TOOLS + "look(url: \"u\")\n"));
    }

    @Test
    void aGateMovedAfterTheCallLeavesTheCallUngated() {
        String a = TOOLS + "approve ok { timeout 1h }\nrestart(argv: [\"x\"])\n";
        String b = TOOLS + "restart(argv: [\"x\"])\napprove ok { timeout 1h }\n";
        assertEquals(List.of("UNGATED_CALL: step 1 calls restart (irreversible) without an approval gate before it"),
                risks(a, b));
    }

    @Test
    void aGateInsideABranchDoesNotCoverStepsAfterTheBranch() {
        String a = TOOLS + "approve ok { timeout 1h }\nrestart(argv: [\"x\"])\n";
        String b = TOOLS + "if true { approve ok { timeout 1h } }\nrestart(argv: [\"x\"])\n";
        assertEquals(List.of("UNGATED_CALL: step 2 calls restart (irreversible) without an approval gate before it"),
                risks(a, b));
    }

    @Test
    void aNewCallThatNeedsApprovalWithoutAGateIsARisk() {
        String a = TOOLS + "look(url: \"u\")\n";
        String b = TOOLS + "look(url: \"u\")\nrestart(argv: [\"x\"])\n";
        assertEquals(List.of("UNGATED_CALL: step 2 calls restart (irreversible) without an approval gate before it"),
                risks(a, b));
        String gated = TOOLS + "look(url: \"u\")\napprove ok { timeout 1h }\nrestart(argv: [\"x\"])\n";
        assertEquals(List.of(), risks(a, gated), "a new call behind a gate is fine");
    }

    @Test
    void execNeedsApprovalByDefault() {
        String plain = "agent a\ntools { sh = exec }\nset x = 1\n";
        assertEquals(List.of("UNGATED_CALL: step 2 calls sh (exec needs approval by default) without an approval "
                + "gate before it"), risks(plain, plain + "sh(argv: [\"ls\"])\n"));
    }

    @Test
    void aToolThatNoLongerNeedsApprovalOrIsMilderIsARisk() {
        String a = "agent a\ntools { r = exec { effect irreversible } }\n";
        String b = "agent a\ntools { r = exec { effect write  approval none } }\n";
        assertEquals(List.of(
                "TOOL_SAFETY_LOWERED: tool r no longer needs approval (approval none)",
                "TOOL_SAFETY_LOWERED: tool r is now declared write instead of irreversible, so fewer safety checks apply"),
                risks(a, b));
    }

    @Test
    void aGateThatApprovesItselfOnTimeoutIsARisk() {
        String a = TOOLS + "approve ok { timeout 1h  on_timeout fail }\nrestart(argv: [\"x\"])\n";
        String b = TOOLS + "approve ok { timeout 1h  on_timeout approve }\nrestart(argv: [\"x\"])\n";
        assertEquals(List.of(
                "APPROVAL_GATE_AUTO_APPROVES: approval gate ok now approves by itself when nobody answers in 1h "
                        + "(on_timeout approve)",
                "UNGATED_CALL: step 2 calls restart (irreversible) without an approval gate before it"), risks(a, b));
    }

    @Test
    void retriesRaisedALotOrMadeUnlimited() {
        String a = "agent a\ntools { t = http { retry { attempts 3 } }  u = http { retry { attempts 3 } }"
                + "  w = http { effect write  retry { attempts 5 } } }\n";
        String b = "agent a\ntools { t = http { retry { attempts 4 } }  u = http { retry { attempts 0 } }"
                + "  w = http { effect write  retry { attempts 50 } } }\n";
        assertEquals(List.of(
                "RETRIES_RAISED: tool u retries without limit (was 3)",
                "RETRIES_RAISED: tool w retries 50 times (was 5); it has effect write"), risks(a, b));
    }

    @Test
    void raisedALotRule() {
        assertFalse(RiskAnalysis.raisedALot(3, 4));
        assertFalse(RiskAnalysis.raisedALot(3, 8));
        assertTrue(RiskAnalysis.raisedALot(3, 9));
        assertTrue(RiskAnalysis.raisedALot(null, 100));
        assertFalse(RiskAnalysis.raisedALot(null, 10));
        assertFalse(RiskAnalysis.raisedALot(5, 2));
        assertTrue(RiskAnalysis.raisedALot(5, 0));
        assertFalse(RiskAnalysis.raisedALot(0, 0));
    }

    @Test
    void budgetsLoosenedButNotTightened() {
        assertEquals(List.of(
                "BUDGET_LOOSENED: budget tool_calls loosened: 20 → 40",
                "BUDGET_LOOSENED: budget duration loosened: 1h → unlimited"),
                risks("agent a budget { tool_calls 20  duration 1h  cost 5 }\n",
                        "agent a budget { tool_calls 40  cost 2 }\n"));
        assertEquals(List.of(), risks("agent a\n", "agent a budget { cost 1 }\n"), "adding a limit is tightening");
    }

    @Test
    void theShippedIncidentTriagePlanWithItsGateMovedIntoABranch() {
        String a = AgentText.example("incident_triage");
        String b = AgentText.edit(a, "  approve restart_ok {", "  if input.service != \"\" {\n  approve restart_ok {",
                "    on_timeout fail\n  }", "    on_timeout fail\n  }\n  }");
        assertEquals(List.of("UNGATED_CALL: step 2/then/3 calls restart (irreversible) without an approval gate "
                + "before it"), risks(a, b));
        assertEquals(List.of(), risks(a, a));
    }
}
