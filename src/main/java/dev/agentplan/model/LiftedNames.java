package dev.agentplan.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a parallel {@code for each} body can bind in its iteration scope. The interpreter
 * lifts each of them out of the loop as the list of per-iteration values (an empty list after no
 * iteration) and validation treats them as defined after the loop. Lanes of nested parallel
 * steps keep their names (only the step's binding lands here); nested parallel loops lift theirs.
 */
public final class LiftedNames {

    private LiftedNames() {
    }

    public static Set<String> of(List<Step> body) {
        Set<String> out = new LinkedHashSet<>();
        collect(body, out);
        return out;
    }

    private static void collect(List<Step> body, Set<String> out) {
        for (Step step : body) {
            if (step.binding() != null) {
                out.add(step.binding());
            }
            for (Step.Body b : step.bodies()) {
                if (b.scoping() == Step.Scoping.OWN) {
                    continue; // a lane's names stay in the lane's result
                }
                if (b.entryBinding() != null && b.scoping() == Step.Scoping.SHARED) {
                    out.add(b.entryBinding());
                }
                collect(b.steps(), out);
            }
        }
    }
}
