package dev.agentplan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.syntax.ExpressionText;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generic structure of steps — {@link Step#bodies()}, {@link Step#expressions()},
 * {@link StepPaths} and {@link LiftedNames} — on models the reader builds from real plan text.
 * The generic walks of validate, diff and the interpreter rely on these, so a new kind that gets
 * them wrong fails here.
 */
class StepStructureTest {

    private static List<Step> steps(String body) {
        ParseResult r = PlanText.parse("structure.agent", "agent t\n" + body);
        assertNotNull(r.definition(), () -> r.diagnostics().stream().map(Diagnostic::headline)
                .collect(Collectors.joining("\n")));
        assertTrue(r.diagnostics().isEmpty(), () -> r.diagnostics().stream().map(Diagnostic::headline)
                .collect(Collectors.joining("\n")));
        return r.definition().steps();
    }

    private static Step only(String statement) {
        List<Step> s = steps(statement);
        assertEquals(1, s.size(), "steps of " + statement);
        return s.get(0);
    }

    /** Each body as {@code name:scoping:entryBinding:steps}. */
    private static List<String> bodies(Step step) {
        return step.bodies().stream()
                .map(b -> b.name() + ":" + b.scoping() + ":" + b.entryBinding() + ":" + b.steps().size()).toList();
    }

    private static List<String> expressions(Step step) {
        return step.expressions().stream().map(ExpressionText::print).toList();
    }

    // ---- bodies() ----

    @Test
    void anIfHasItsBranchesThenTheElseBodyInSourceOrder() {
        Step s = only("if a { set x = 1 } else if b { set x = 2\nset y = 3 } else if c { } else { fail \"no\" }");
        assertEquals(List.of("then:SHARED:null:1", "elif1:SHARED:null:2", "elif2:SHARED:null:0", "else:SHARED:null:1"),
                bodies(s));
        assertEquals(List.of("then:SHARED:null:0", "else:SHARED:null:0"), bodies(only("if a { }")));
    }

    @Test
    void aSequentialLoopSharesItsScopeAndAParallelOneHasAScopePerIteration() {
        assertEquals(List.of("body:SHARED:item:1"), bodies(only("for each item in items { r = t(x: item) }")));
        assertEquals(List.of("body:PER_ITERATION:item:1"),
                bodies(only("for each item in items parallel 4 { r = t(x: item) }")));
        assertEquals(List.of("body:SHARED:null:1"), bodies(only("while n < 3 max 5 { set n = n + 1 }")));
    }

    @Test
    void lanesHaveTheirOwnScopeAndAreNamedAfterTheLane() {
        Step s = only("r = parallel all { lane fetch { a = t() } lane store { } }");
        assertEquals(List.of("lane:fetch:OWN:null:1", "lane:store:OWN:null:0"), bodies(s));
    }

    @Test
    void aTryHasItsBodyEachCatchWithItsVariableThenFinally() {
        Step s = only("try { a = t() } catch Timeout, HttpError as err { set m = err.message } catch { } "
                + "finally { done = t() }");
        assertEquals(List.of("try:SHARED:null:1", "catch1:SHARED:err:1", "catch2:SHARED:null:0",
                "finally:SHARED:null:1"), bodies(s));
    }

    @Test
    void aHandlerBlockHasOneSharedBody() {
        assertEquals(List.of("body:SHARED:null:2"),
                bodies(only("on signal \"stop\" as why: string = \"none\" leave { set x = why\nwait 1s }")));
    }

    @Test
    void leafStepsHaveNoBodies() {
        List<Step> leaves = steps("""
                r = t(a: 1)
                wait 5m
                s = await signal "go" { timeout 1h  on_timeout continue }
                approve ok { ask "Go?"  timeout 4h }
                set v = 2
                m = loop brain { ask "Find it"  tools [t]  max_turns 3 }
                fail "stop"
                c = run child@2(topic: "x")
                """);
        assertEquals(8, leaves.size());
        for (Step leaf : leaves) {
            assertEquals(List.of(), leaf.bodies(), leaf.getClass().getSimpleName());
        }
    }

    // ---- expressions() ----

    @Test
    void eachKindGivesTheExpressionsItEvaluatesItselfInSourceOrder() {
        List<Step> s = steps("""
                r = t(a: input.x, b: "y") key "k-${input.id}" undo t(a: r.id)
                if a > 1 { set q = 1 } else if b { set q = input.deep } else { set q = 3 }
                for each item in input.items parallel 2 { set w = item }
                while n < 3 max 5 { set n = n + 1 }
                p = parallel first { lane a { set z = 1 } }
                wait 5m
                g = await signal "go" { timeout 1h  on_timeout fail }
                approve ok { ask "Go ${input.x}?"  timeout 4h }
                set v = [1, 2]
                try { set e = 1 } catch as err { set e = 2 }
                on update "note" as note: string = "none" { set n2 = note }
                m = loop brain { ask "Find ${input.x}"  context input.items  tools [t]  max_turns 3 }
                fail "stop: ${input.x}"
                c = run child@2(topic: "x", n: 1 + 2)
                """);
        assertEquals(List.of("input.x", "\"y\"", "\"k-${input.id}\"", "r.id"), expressions(s.get(0)));
        assertEquals(List.of("a > 1", "b"), expressions(s.get(1)), "the conditions, not the bodies' expressions");
        assertEquals(List.of("input.items"), expressions(s.get(2)));
        assertEquals(List.of("n < 3"), expressions(s.get(3)));
        assertEquals(List.of(), expressions(s.get(4)));
        assertEquals(List.of(), expressions(s.get(5)));
        assertEquals(List.of(), expressions(s.get(6)));
        assertEquals(List.of("\"Go ${input.x}?\""), expressions(s.get(7)));
        assertEquals(List.of("[1, 2]"), expressions(s.get(8)));
        assertEquals(List.of(), expressions(s.get(9)));
        assertEquals(List.of("\"none\""), expressions(s.get(10)));
        assertEquals(List.of("\"Find ${input.x}\"", "input.items"), expressions(s.get(11)));
        assertEquals(List.of("\"stop: ${input.x}\""), expressions(s.get(12)));
        assertEquals(List.of("\"x\"", "1 + 2"), expressions(s.get(13)));
    }

    @Test
    void absentExpressionsAreLeftOut() {
        List<Step> s = steps("""
                r = t()
                approve ok { timeout 4h }
                m = loop brain { ask "Find it"  tools [t]  max_turns 3 }
                on signal "ping" { wait 1s }
                """);
        assertEquals(List.of(), expressions(s.get(0)));
        assertEquals(List.of(), expressions(s.get(1)));
        assertEquals(List.of("\"Find it\""), expressions(s.get(2)));
        assertEquals(List.of(), expressions(s.get(3)));
    }

    // ---- StepPaths ----

    @Test
    void pathsOfANestedPlanNameEveryBodyAndComeParentFirst() {
        List<Step> plan = steps("""
                a = t()
                if a.ok { set x = 1 } else if a.maybe { set x = 2 } else { set x = 3 }
                for each i in [1, 2] { r = t(n: i)
                  try { q = t() } catch as e { set x = 4 } finally { wait 1s } }
                p = parallel all { lane left { l = t() } lane right { while x < 2 max 3 { set x = x + 1 } } }
                on signal "s" { set y = 1 }
                """);
        Map<String, Step> index = StepPaths.index(plan);
        assertEquals(List.of("1", "2", "2/then/1", "2/elif1/1", "2/else/1", "3", "3/body/1", "3/body/2",
                "3/body/2/try/1", "3/body/2/catch1/1", "3/body/2/finally/1", "4", "4/lane:left/1", "4/lane:right/1",
                "4/lane:right/1/body/1", "5", "5/body/1"), List.copyOf(index.keySet()));
        assertTrue(index.get("3/body/2") instanceof Step.TryStep);
        assertTrue(index.get("3/body/2/finally/1") instanceof Step.WaitStep);
        assertEquals("x", index.get("4/lane:right/1/body/1").binding());

        List<String> walked = new ArrayList<>();
        StepPaths.walk(plan, "7/body", (path, step) -> walked.add(path));
        assertEquals("7/body/1", walked.get(0));
        assertEquals("7/body/3/body/2/catch1/1", walked.get(9));
    }

    // ---- LiftedNames ----

    @Test
    void aParallelLoopBodyLiftsWhatItBindsButLanesKeepTheirNames() {
        Step.ForEachStep loop = (Step.ForEachStep) only("""
                for each item in items parallel 4 {
                  page = t(url: item)
                  set n = 1
                  approve ok { ask "?"  timeout 1h }
                  r = parallel all { lane a { inner = t() } lane b { set lane_only = 2 } }
                }
                """);
        assertEquals(Set.of("page", "n", "ok", "r"), LiftedNames.of(loop.body()));
        assertEquals(List.of("page", "n", "ok", "r"), List.copyOf(LiftedNames.of(loop.body())), "in source order");
    }

    @Test
    void nestedParallelLoopsLiftTheirNamesButNotTheirLoopVariable() {
        Step.ForEachStep loop = (Step.ForEachStep) only("""
                for each a in items parallel 2 {
                  for each b in a.parts parallel 3 { part = t(x: b) }
                }
                """);
        assertEquals(List.of("part"), List.copyOf(LiftedNames.of(loop.body())));
    }

    @Test
    void catchVariablesAndSequentialLoopVariablesAreLifted() {
        Step.ForEachStep loop = (Step.ForEachStep) only("""
                for each a in items parallel 2 {
                  try { x = t() } catch Timeout as err { set why = err.message } finally { done = t() }
                  for each b in a.parts { set last = b }
                  if a.ok { set yes = 1 } else { set no = 1 }
                  while false max 1 { set w = 1 }
                  on signal "s" as sig: any { set seen = sig }
                }
                """);
        assertEquals(List.of("x", "err", "why", "done", "b", "last", "yes", "no", "w", "sig", "seen"),
                List.copyOf(LiftedNames.of(loop.body())));
    }

    @Test
    void aBodyBindingNothingLiftsNothing() {
        Step.ForEachStep loop = (Step.ForEachStep) only("for each a in items parallel 2 { wait 1s\nfail \"x\" }");
        assertEquals(Set.of(), LiftedNames.of(loop.body()));
        assertNull(loop.binding());
    }
}
