package dev.agentplan.repository.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Can a run of A paused at a step continue under B? */
class CompatibilityTest {

    private static final String HEAD = """
            agent a
            input { id: string  mode: string = "fast" }
            tools { look = http { timeout 10s }  note = http { effect write } }
            """;

    private static DiffReport diff(String stepsA, String stepsB) {
        return PlanDiff.compare(AgentText.parse(HEAD + stepsA), AgentText.parse(HEAD + stepsB));
    }

    private static final String STEPS = """
            e = look(url: "https://x/${input.id}")
            approve ok { ask "go?"  timeout 1h }
            n = note(url: "https://n", body: { text: "hello" })
            wait 5m
            """;

    @Test
    void aChangeAtStep3LeavesPausePoints1And2Compatible() {
        DiffReport r = diff(STEPS, STEPS.replace("hello", "bye"));
        assertTrue(r.compatibleAt("1").compatible());
        assertTrue(r.compatibleAt("2").compatible());
        StepVerdict at3 = r.compatibleAt("3");
        assertFalse(at3.compatible());
        assertEquals("3", at3.divergesAt());
        assertEquals("step 3 (n = note(...)): argument body.text changed", at3.reason());
        assertFalse(r.compatibleAt("4").compatible());
        assertEquals("3", r.firstDivergence().path());
        assertEquals(List.of("1", "2"), r.compatiblePausePoints());
        assertEquals(at3, PlanDiff.compatibleAt(r, "3"));
    }

    @Test
    void stepsAppendedAfterEverythingKeepEveryPausePointCompatible() {
        DiffReport r = diff(STEPS, STEPS + "set done = true\n");
        assertFalse(r.isEmpty());
        assertNull(r.firstDivergence());
        assertEquals(List.of("1", "2", "3", "4"), r.compatiblePausePoints());
    }

    @Test
    void aStepInsertedAtTheTopShiftsEveryAddress() {
        DiffReport r = diff(STEPS, "wait 1s\n" + STEPS);
        assertEquals(List.of(), r.compatiblePausePoints());
        assertEquals("step 1 is now wait 1s instead of e = look(...)", r.compatibleAt("1").reason());
    }

    @Test
    void aChangedToolBreaksEveryPausePointFromItsFirstCall() {
        DiffReport r = diff(STEPS, STEPS);
        assertTrue(r.isEmpty());
        DiffReport changed = PlanDiff.compare(AgentText.parse(HEAD + STEPS),
                AgentText.parse(HEAD.replace("timeout 10s", "timeout 20s") + STEPS));
        StepVerdict v = changed.compatibleAt("2");
        assertFalse(v.compatible());
        assertEquals("1", v.divergesAt());
        assertEquals("tool look changed; step 1 calls it", v.reason());
    }

    @Test
    void changedToolDefaultsCountAsAChangedTool() {
        String withDefaults = HEAD.replace("tools {", "tools { defaults { timeout 1m }");
        DiffReport r = PlanDiff.compare(AgentText.parse(withDefaults + "note(url: \"u\")\n"),
                AgentText.parse(withDefaults.replace("timeout 1m", "timeout 2m") + "note(url: \"u\")\n"));
        assertEquals("tool note changed; step 1 calls it", r.compatibleAt("1").reason());
    }

    @Test
    void aChangedInputDefaultMattersOnlyFromTheFirstStepThatReadsIt() {
        String steps = "wait 1s\nset m = input.mode\n";
        DiffReport r = PlanDiff.compare(AgentText.parse(HEAD + steps),
                AgentText.parse(HEAD.replace("\"fast\"", "\"slow\"") + steps));
        assertTrue(r.compatibleAt("1").compatible());
        assertEquals("input mode changed; step 2 reads it", r.compatibleAt("2").reason());
    }

    @Test
    void aNewRequiredInputBreaksEveryPausePoint() {
        DiffReport r = PlanDiff.compare(AgentText.parse(HEAD + STEPS),
                AgentText.parse(HEAD.replace("id: string", "id: string  region: string") + STEPS));
        assertEquals(List.of(), r.compatiblePausePoints());
        assertEquals("input region is new and required; runs started without it cannot go on",
                r.compatibleAt("3").reason());
    }

    @Test
    void aChangeInAnotherBranchDoesNotMatterButTheEnclosingConditionDoes() {
        String a = "if input.mode == \"fast\" { wait 1s\n wait 2s } else { wait 3s }\nwait 4s\n";
        DiffReport elseChanged = diff(a, a.replace("wait 3s", "wait 30s"));
        assertTrue(elseChanged.compatibleAt("1/then/2").compatible(), "the then branch is untouched");
        assertFalse(elseChanged.compatibleAt("1/else/1").compatible());
        assertFalse(elseChanged.compatibleAt("2").compatible(), "step 1 ran whole before step 2");

        DiffReport conditionChanged = diff(a, a.replace("\"fast\"", "\"slow\""));
        assertEquals("step 1 (if input.mode == \"fast\"): condition changed",
                conditionChanged.compatibleAt("1/then/1").reason());
    }

    @Test
    void laterStepsOfTheSameBranchMayChange() {
        String a = "if true { wait 1s\n wait 2s }\n";
        DiffReport r = diff(a, a.replace("wait 2s", "wait 20s"));
        assertTrue(r.compatibleAt("1/then/1").compatible());
        assertFalse(r.compatibleAt("1/then/2").compatible());
    }

    @Test
    void insideALoopTheWholeLoopBodyMustBeUnchanged() {
        String a = "for each x in [1, 2] { wait 1s\n wait 2s }\n";
        DiffReport r = diff(a, a.replace("wait 2s", "wait 20s"));
        StepVerdict v = r.compatibleAt("1/body/1");
        assertFalse(v.compatible(), "earlier iterations already ran the later steps");
        assertEquals("1/body/2", v.divergesAt());
    }

    @Test
    void parallelLanesAndCatchBodiesAreTakenWhole() {
        String a = "parallel all { lane p { wait 1s } lane q { wait 2s } }\n"
                + "try { wait 3s } catch { wait 4s } finally { wait 5s }\n";
        DiffReport lanes = diff(a, a.replace("wait 2s", "wait 20s"));
        assertFalse(lanes.compatibleAt("1/lane:p/1").compatible(), "lane q may be anywhere");

        DiffReport tryBody = diff(a, a.replace("wait 5s", "wait 50s"));
        assertTrue(tryBody.compatibleAt("2/try/1").compatible(), "the finally body has not run yet");
        assertFalse(tryBody.compatibleAt("2/catch1/1").compatible());
    }

    @Test
    void stepsAddedInsideAnEarlierBlockAreNoticed() {
        String a = "if true { wait 1s }\nwait 2s\n";
        DiffReport r = diff(a, "if true { wait 1s\n wait 9s }\nwait 2s\n");
        assertEquals("step 1 (if true): steps added to its then body", r.compatibleAt("2").reason());
        assertTrue(r.compatibleAt("1/then/1").compatible());
    }

    @Test
    void unknownPausePoint() {
        StepVerdict v = diff(STEPS, STEPS).compatibleAt("9/then/1");
        assertFalse(v.compatible());
        assertEquals("A has no step 9/then/1", v.reason());
    }
}
