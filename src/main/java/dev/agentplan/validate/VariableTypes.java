package dev.agentplan.validate;

import dev.agentplan.model.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static types of variables that only {@code set} binds, when every {@code set} of one gives
 * the same known type: {@code set n = 0 … set n = n + 1} makes {@code n} a number, so
 * {@code lower(n)} or {@code n.body} is an error the validator sees instead of a failed run. The
 * claim is checked as a fixed point: under the claimed types, every {@code set} of a variable
 * still gives its claimed type (so by induction over the run, every value has it); a variable
 * whose {@code set}s disagree, that another step also binds (a result, an approval, a loop or
 * catch variable), or that a parallel {@code for each} lifts into a list, stays unknown.
 */
final class VariableTypes {

    private VariableTypes() {
    }

    static Map<String, StaticType> infer(PlanFacts facts) {
        Map<String, List<PlanFacts.Binder>> candidates = new HashMap<>();
        for (Map.Entry<String, List<PlanFacts.Binder>> e : facts.binders.entrySet()) {
            if (!facts.scoped.containsKey(e.getKey()) && e.getValue().stream().allMatch(b -> b.step() instanceof Step.SetStep
                    && !inParallelLoop(facts, b.path()))) {
                candidates.put(e.getKey(), e.getValue());
            }
        }
        Map<String, StaticType> claimed = typesUnder(facts, candidates, Map.of());
        for (int round = 0; round < candidates.size() + 1; round++) {
            Map<String, StaticType> again = typesUnder(facts, candidates, claimed);
            java.util.Set<String> agree = agreeing(claimed, again);
            if (agree.size() == claimed.size()) {
                return claimed; // every claim reproduces itself: a fixed point
            }
            claimed.keySet().retainAll(agree);
        }
        return Map.of(); // never reached: each round drops a variable or ends
    }

    private static java.util.Set<String> agreeing(Map<String, StaticType> a, Map<String, StaticType> b) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Map.Entry<String, StaticType> e : a.entrySet()) {
            if (e.getValue() == b.get(e.getKey())) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Each candidate's type when every one of its sets, typed under {@code assumed}, agrees on a known type. */
    private static Map<String, StaticType> typesUnder(PlanFacts facts, Map<String, List<PlanFacts.Binder>> candidates,
                                                      Map<String, StaticType> assumed) {
        Findings silent = new Findings();
        ExpressionTypes types = new ExpressionTypes(new NameResolver(facts, silent, assumed), silent);
        Map<String, StaticType> out = new HashMap<>();
        for (Map.Entry<String, List<PlanFacts.Binder>> e : candidates.entrySet()) {
            StaticType agreed = null;
            for (PlanFacts.Binder b : e.getValue()) {
                Step.SetStep set = (Step.SetStep) b.step();
                StaticType t = types.check(set.value(), Site.before(facts.graph.nodesOf(set), List.of(), b.path()));
                if (!t.known() || agreed != null && agreed != t) {
                    agreed = StaticType.ANY;
                    break;
                }
                agreed = t;
            }
            if (agreed != null && agreed.known()) {
                out.put(e.getKey(), agreed);
            }
        }
        return out;
    }

    /** Whether the body of {@code owner} named {@code bodyName} runs once per item in a scope of its own. */
    private static boolean iteratesInParallel(Step owner, String bodyName) {
        return owner.bodies().stream()
                .anyMatch(b -> b.name().equals(bodyName) && b.scoping() == Step.Scoping.PER_ITERATION);
    }

    /** Whether the step is in the body of a parallel {@code for each} (whose names become lists after it). */
    private static boolean inParallelLoop(PlanFacts facts, String path) {
        String[] parts = path.split("/");
        for (int i = 1; i < parts.length - 1; i += 2) {
            Step owner = facts.byPath.get(String.join("/", java.util.Arrays.copyOfRange(parts, 0, i)));
            if (owner != null && iteratesInParallel(owner, parts[i])) {
                return true;
            }
        }
        return false;
    }
}
