package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Intent handlers in diffs: plan-wide ones by event name (retyped or removed breaks senders), blocks as steps. */
class HandlerChangesTest {

    private static DiffReport diff(String a, String b) {
        return PlanDiff.compare(AgentText.parse(a), AgentText.parse(b));
    }

    private static List<String> lines(DiffReport r) {
        return r.changes().stream().map(DiffText::line).toList();
    }

    @Test
    void planWideHandlersAreComparedByEventName() {
        DiffReport r = diff("""
                agent a
                on signal "scope" as scope: object
                on signal "old" as old: any
                on update "notes" as notes: string = ""
                """, """
                agent a
                on signal "scope" as scope: list
                on update "notes" as notes: string = "none"
                on update "pause" as pause: boolean = false
                """);
        List<String> out = lines(r);
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("~ handler scope: handler changed: signal \"scope\" as scope: object → signal \"scope\" as scope: list")
                && out.get(0).endsWith("(breaking)"), out.toString());
        assertTrue(out.get(1).startsWith("- handler old") && out.get(1).endsWith("(breaking)"), out.toString());
        assertTrue(out.get(2).startsWith("~ handler notes") && !out.get(2).contains("breaking"), out.toString());
        assertTrue(out.get(3).startsWith("+ handler pause") && !out.get(3).contains("breaking"), out.toString());
        assertTrue(r.isBreaking());
    }

    @Test
    void aHandleBlockIsAStepWhoseOwnFieldsAreCompared() {
        String a = """
                agent a
                on signal "resolved" as r: object leave {
                  wait 1m
                }
                """;
        DiffReport same = diff(a, a);
        assertTrue(same.isEmpty(), lines(same).toString());
        DiffReport r = diff(a, a.replace(" leave {", " {").replace("wait 1m", "wait 2m"));
        String text = String.join("\n", lines(r));
        assertTrue(text.contains("leave changed: true → false"), text);
        assertTrue(text.contains("wait"), text);
        assertFalse(r.changes().isEmpty());
    }
}
