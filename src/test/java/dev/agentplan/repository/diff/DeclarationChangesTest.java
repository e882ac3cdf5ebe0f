package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inputs, tools, budget and output are compared field by field; input changes say whether they break callers. */
class DeclarationChangesTest {

    private static DiffReport diff(String a, String b) {
        return PlanDiff.compare(AgentText.parse(a), AgentText.parse(b));
    }

    private static List<String> lines(DiffReport r) {
        return r.changes().stream().map(DiffText::line).toList();
    }

    @Test
    void newRequiredInputIsBreakingAndANewInputWithADefaultIsNot() {
        DiffReport r = diff("agent a input { x: string }\n",
                "agent a input { x: string  y: number  z: string = \"q\" }\n");
        assertEquals(List.of("+ input y: number, required (breaking)", "+ input z: string = \"q\""), lines(r));
        assertTrue(r.isBreaking());

        DiffReport compatible = diff("agent a input { x: string }\n", "agent a input { x: string  z: string = \"q\" }\n");
        assertFalse(compatible.isBreaking());
        assertFalse(compatible.isEmpty());
    }

    @Test
    void removedInputsTypeChangesAndLostDefaultsAreBreaking() {
        DiffReport r = diff("agent a input { x: string  y: string = \"d\"  z: number  w: string \"old\" }\n",
                "agent a input { x: number  y: string  w: string = \"v\" \"new\" }\n");
        assertEquals(List.of(
                "~ input x: type changed: string → number (breaking)",
                "~ input y: now required (default removed): \"d\" (breaking)",
                "- input z: number, required (breaking)",
                "~ input w: now optional: default \"v\"",
                "~ input w: description changed: \"old\" → \"new\""), lines(r));
        assertEquals(List.of(true, true, true, false, false), r.changes().stream().map(Change::breaking).toList());
    }

    @Test
    void changedDefaultIsNotBreaking() {
        DiffReport r = diff("agent a input { n: number = 1 }\n", "agent a input { n: number = 2 }\n");
        assertEquals(List.of("~ input n: default changed: 1 → 2"), lines(r));
        assertFalse(r.isBreaking());
    }

    @Test
    void toolPoliciesAreComparedFieldByField() {
        String a = """
                agent a
                tools {
                  defaults { timeout 30s }
                  t = http { timeout 10s  retry { attempts 3  backoff 1s..30s } effect write }
                  old = http
                }
                """;
        String b = """
                agent a
                tools {
                  defaults { timeout 1m }
                  t = exec { timeout 20s  heartbeat 5s  retry { attempts 4  backoff 2s..30s  non_retryable ["Bad"] }
                             effect irreversible  idempotent  approval required  queue "ops" }
                  fresh = http { effect write  idempotent }
                }
                """;
        assertEquals(List.of(
                "~ tool defaults: timeout changed: 30s → 1m",
                "~ tool t: kind changed: http → exec",
                "~ tool t: timeout changed: 10s → 20s",
                "~ tool t: heartbeat changed: default → 5s",
                "~ tool t: retry attempts changed: 3 → 4",
                "~ tool t: retry initial interval changed: 1s → 2s",
                "~ tool t: retry non_retryable changed: default → [Bad]",
                "~ tool t: effect changed: write → irreversible",
                "~ tool t: idempotent changed: default → true",
                "~ tool t: approval changed: default → required",
                "~ tool t: queue changed: default → ops",
                "- tool old: http",
                "+ tool fresh: http, effect write, idempotent"), lines(diff(a, b)));
    }

    @Test
    void budgetChangesAreListed() {
        DiffReport r = diff("agent a budget { tool_calls 20  steps 100  duration 24h  cost 5 }\n",
                "agent a budget { tool_calls 10  duration 2d  cost 5.0 }\n");
        assertEquals(List.of(
                "~ budget: tool_calls changed: 20 → 10",
                "~ budget: steps changed: 100 → unlimited",
                "~ budget: duration changed: 1d → 2d"), lines(r));
    }

    @Test
    void outputFieldsAddedRemovedAndChanged() {
        DiffReport r = diff("agent a\nset x = 1\noutput { keep: x  gone: 1  same: true }\n",
                "agent a\nset x = 1\noutput { keep: x + 1  same: true  fresh: \"n\" }\n");
        assertEquals(List.of(
                "~ output keep: changed: x → x + 1",
                "- output gone: 1 (breaking)",
                "+ output fresh: \"n\""), lines(r));
    }

    @Test
    void descriptionChanges() {
        assertEquals(List.of("~ agent: description changed: \"old\" → \"new\""),
                lines(diff("agent a \"old\"\n", "agent a \"new\"\n")));
    }
}
