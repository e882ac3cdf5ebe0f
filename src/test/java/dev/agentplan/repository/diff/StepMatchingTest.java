package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps are matched by binding and kind, then by position in the same body; moves are recognised. */
class StepMatchingTest {

    private static final String HEAD = """
            agent a
            tools { logs = http { timeout 10s }  ticket = http { effect write } }
            """;

    private static List<String> lines(String stepsA, String stepsB) {
        DiffReport r = PlanDiff.compare(AgentText.parse(HEAD + stepsA), AgentText.parse(HEAD + stepsB));
        return r.changes().stream().map(DiffText::line).toList();
    }

    @Test
    void theSamePlanWrittenDifferentlyHasNoChanges() {
        String a = AgentText.example("incident_triage");
        String reformatted = a.replaceAll("(?m)^\\s*#.*$", "").replace("\n", "\n\n").replace("  ", "    ");
        AgentDefinition text = AgentText.parse(a);
        DiffReport r = PlanDiff.compare(text, AgentText.parse(reformatted));
        assertTrue(r.isEmpty(), r.toText(false));
        assertEquals("= no semantic changes between incident_triage and incident_triage\n", r.toText(false));

        AgentDefinition json = JsonPlanCodec.decode("t.json", JsonPlanCodec.encode(text)).definition();
        assertTrue(PlanDiff.compare(text, json).isEmpty(), "the JSON form is the same plan");
        assertEquals(null, r.firstDivergence());
    }

    @Test
    void changedArgumentsAreMatchedByBinding() {
        assertEquals(List.of("~ step 2 (t = ticket(...)): argument url changed: \"https://a\" → \"https://b\""),
                lines("e = logs(url: \"x\")\nt = ticket(url: \"https://a\")\n",
                        "e = logs(url: \"x\")\nt = ticket(url: \"https://b\")\n"));
    }

    @Test
    void deepObjectChangesNameTheMember() {
        assertEquals(List.of(
                        "~ step 1 (t = ticket(...)): argument body.title changed: \"x\" → \"y\"",
                        "~ step 1 (t = ticket(...)): argument body.tags[1] changed: \"b\" → \"c\"",
                        "~ step 1 (t = ticket(...)): argument method added: \"POST\""),
                lines("t = ticket(url: \"u\", body: { title: \"x\", tags: [\"a\", \"b\"] })\n",
                        "t = ticket(url: \"u\", body: { title: \"y\", tags: [\"a\", \"c\"] }, method: \"POST\")\n"));
    }

    @Test
    void insertedStepsShiftAddressesWithoutLookingLikeChanges() {
        assertEquals(List.of("+ step 1 wait 1m"),
                lines("e = logs(url: \"x\")\nwait 5s\n", "wait 1m\ne = logs(url: \"x\")\nwait 5s\n"));
    }

    @Test
    void removedStepsAppearWhereTheyWere() {
        assertEquals(List.of("- step 2 wait 1m", "~ step 3 → 2 (set x): value changed: 1 → 2"),
                lines("e = logs(url: \"x\")\nwait 1m\nset x = 1\n", "e = logs(url: \"x\")\nset x = 2\n"));
    }

    @Test
    void unboundStepsOfTheSameKindPairByPosition() {
        assertEquals(List.of("~ step 2 (wait 10m): duration changed: 5m → 10m"),
                lines("e = logs(url: \"x\")\nwait 5m\n", "e = logs(url: \"x\")\nwait 10m\n"));
    }

    @Test
    void aBoundStepMovedIntoABranchIsAMoveNotARemovalAndAnAddition() {
        assertEquals(List.of("> step 2 → 1/then/1 (t = ticket(...)): moved"),
                lines("if true { wait 1s }\nt = ticket(url: \"u\")\n",
                        "if true { t = ticket(url: \"u\")\n wait 1s }\n"));
    }

    @Test
    void swappedStepsShowOneMove() {
        List<String> out = lines("e = logs(url: \"x\")\nt = ticket(url: \"u\")\nset y = 1\n",
                "t = ticket(url: \"u\")\ne = logs(url: \"x\")\nset y = 1\n");
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).matches("> step [12] → [12] \\([et] = (logs|ticket)\\(\\.\\.\\.\\)\\): moved"), out.get(0));
    }

    @Test
    void anIdenticalUnboundBlockMovedElsewhereIsAMove() {
        assertEquals(List.of("> step 1/else/1 → 1 (for each u in urls): moved"),
                lines("if false { set q = 1 } else { for each u in urls { logs(url: u) } }\n",
                        "for each u in urls { logs(url: u) }\nif false { set q = 1 }\n"));
    }

    @Test
    void nestedBodiesAreComparedThroughTheirParents() {
        assertEquals(List.of(
                        "~ step 1 (if x > 2): condition changed: x > 1 → x > 2",
                        "~ step 1/then/1 (r = logs(...)): argument url changed: \"a\" → \"b\"",
                        "+ step 1/else/1 fail \"no\""),
                lines("if x > 1 { r = logs(url: \"a\") }\n",
                        "if x > 2 { r = logs(url: \"b\") } else { fail \"no\" }\n"));
    }

    @Test
    void everyKindOfStepReportsItsOwnFields() {
        String a = """
                for each u in urls { logs(url: u) }
                while n < 3 max 10 { set n = n + 1 }
                res = parallel all { lane x { wait 1s } lane y { wait 2s } }
                sig = await signal "go" { timeout 1h  on_timeout fail }
                approve ok { ask "sure?"  approvers ["al"]  timeout 2h }
                try { wait 1s } catch Timeout as e { set z = 1 }
                kid = run child@prod(n: 1)
                """;
        String b = """
                for each u in urls parallel 4 { logs(url: u) }
                while n < 5 max 20 { set n = n + 1 }
                res = parallel first { lane x { wait 1s } lane z { wait 2s } }
                sig = await signal "go" { timeout 2h  on_timeout continue }
                approve ok { ask "really?"  approvers ["al", "bo"]  timeout 2h  on_timeout reject }
                try { wait 1s } catch Timeout, HttpError as e { set z = 1 }
                kid = run child@3(n: 2)
                """;
        assertEquals(List.of(
                "~ step 1 (for each u in urls): concurrency changed: sequential → parallel 4",
                "~ step 2 (while n < 5): condition changed: n < 3 → n < 5",
                "~ step 2 (while n < 5): max iterations changed: 10 → 20",
                "~ step 3 (res = parallel first): join changed: all → first",
                "~ step 3 (res = parallel first): lane z added",
                "~ step 3 (res = parallel first): lane y removed",
                "> step 3/lane:y/1 → 3/lane:z/1 (wait 2s): moved",
                "~ step 4 (sig = await signal \"go\"): timeout changed: 1h → 2h",
                "~ step 4 (sig = await signal \"go\"): on_timeout changed: fail → continue",
                "~ step 5 (approve ok): prompt changed: \"sure?\" → \"really?\"",
                "~ step 5 (approve ok): approvers changed: [al] → [al, bo]",
                "~ step 5 (approve ok): on_timeout changed: fail → reject",
                "~ step 6 (try): catch 1 error types changed: [Timeout] → [Timeout, HttpError]",
                "~ step 7 (kid = run child@3(...)): ref changed: prod → 3",
                "~ step 7 (kid = run child@3(...)): input n changed: 1 → 2"), lines(a, b));
    }
}
