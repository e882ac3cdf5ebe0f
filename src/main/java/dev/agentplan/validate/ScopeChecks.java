package dev.agentplan.validate;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.validate.flow.Dataflow;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.MaybeBound;
import dev.agentplan.validate.flow.NameSet;
import java.util.List;

/**
 * Names whose scope would surprise: a loop or catch variable that hides a step result, a variable
 * or an enclosing loop or catch variable (AP125: the hidden value is gone, or has another type,
 * once the loop ran), and a {@code set} inside a lane or a parallel iteration of a variable bound
 * outside it (AP214: concurrent work writes only its own scope, so the outer variable never sees
 * the change).
 */
final class ScopeChecks {

    /** How a lane's body name starts: {@code lane:fetch}. */
    private static final String LANE_PREFIX = BodyNames.lane("");

    private final PlanFacts facts;
    private final Findings out;
    private Dataflow.Result<NameSet> maybeBound;

    ScopeChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        shadowing();
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> {
            if (step instanceof Step.SetStep s) {
                setInConcurrentBody(path, s);
            }
        });
    }

    // ---- AP125 ----

    private void shadowing() {
        for (List<PlanFacts.ScopedName> sameName : facts.scoped.values()) {
            for (PlanFacts.ScopedName s : sameName) {
                String what = s.loop() ? "loop variable" : "catch variable";
                List<PlanFacts.Binder> bound = facts.binders.get(s.name());
                if (bound != null && !bound.isEmpty()) {
                    PlanFacts.Binder b = bound.get(0);
                    out.error(ValidationCodes.SHADOWED_NAME, s.declared(), "the " + what + " `" + s.name()
                                    + "` has the name of the " + BindingWords.of(b.step()) + " at line "
                                    + b.step().span().line()
                                    + ": inside the " + (s.loop() ? "loop" : "catch") + " `" + s.name()
                                    + "` would be " + (s.loop() ? "the item" : "the error") + ", and afterwards the "
                                    + BindingWords.of(b.step()) + " may be replaced by it",
                            "give the " + what + " its own name, like `" + s.name() + (s.loop() ? "_item" : "_error")
                                    + "`");
                    continue;
                }
                for (PlanFacts.ScopedName outer : sameName) {
                    if (outer != s && s.body().startsWith(outer.body() + "/")) {
                        out.error(ValidationCodes.SHADOWED_NAME, s.declared(), "the " + what + " `" + s.name()
                                        + "` hides the " + (outer.loop() ? "loop" : "catch") + " variable of the same name "
                                        + "at line " + outer.declared().line(),
                                "give the inner " + what + " its own name");
                        break;
                    }
                }
            }
        }
    }

    // ---- AP214 ----

    private void setInConcurrentBody(String path, Step.SetStep set) {
        String owner = concurrentOwner(path);
        if (owner != null) {
            String body = path.substring(owner.length() + 1, path.indexOf('/', owner.length() + 1));
            Step step = facts.byPath.get(owner);
            check(set, owner, step, concurrentBody(step, body).scoping() == Step.Scoping.OWN
                    ? body.substring(LANE_PREFIX.length()) : null);
        }
    }

    /** The path of the innermost parallel step or parallel {@code for each} whose body holds the step, or null. */
    private String concurrentOwner(String path) {
        String[] parts = path.split("/");
        // parts: step index, body name, step index, body name, …
        for (int i = parts.length - 2; i >= 1; i -= 2) {
            String owner = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i));
            String body = parts[i];
            Step step = facts.byPath.get(owner);
            if (concurrentBody(step, body) != null) {
                return owner;
            }
        }
        return null;
    }

    /** The body of {@code step} named {@code name} when it runs beside others (a lane, an iteration), or null. */
    private static Step.Body concurrentBody(Step step, String name) {
        if (step == null) {
            return null;
        }
        for (Step.Body b : step.bodies()) {
            if (b.name().equals(name) && b.scoping() != Step.Scoping.SHARED) {
                return b;
            }
        }
        return null;
    }

    private void check(Step.SetStep set, String ownerPath, Step owner, String laneName) {
        String name = set.variable();
        PlanFacts.Binder outside = null;
        for (PlanFacts.Binder b : facts.binders.getOrDefault(name, List.of())) {
            String region = concurrentOwner(b.path());
            // A binder outside the step, in a part of the walk the step's scope reads from (not
            // another lane's or another parallel loop's own name, which is lane-local or a list).
            boolean visible = region == null || ownerPath.startsWith(region + "/");
            if (visible && !b.path().equals(ownerPath) && !b.path().startsWith(ownerPath + "/")) {
                outside = b;
                break;
            }
        }
        if (outside == null || !boundBefore(owner, name)) {
            return;
        }
        int line = owner.span().line();
        if (laneName != null) {
            Step.ParallelStep p = (Step.ParallelStep) owner;
            String bind = p.bind() == null ? "r" : p.bind();
            out.error(ValidationCodes.SET_IN_PARALLEL, set.span(), "`set " + name + "` in lane `" + laneName
                            + "` of the parallel step at line " + line + " changes only the lane's own `" + name
                            + "`: the `" + name + "` bound at line " + outside.step().span().line()
                            + " keeps its old value after the parallel step",
                    "bind the value in the lane and read it after the step as `" + bind + "." + laneName + "." + name
                            + "`" + (p.bind() == null ? " (name the step: `r = parallel " + p.mode().name()
                            .toLowerCase(java.util.Locale.ROOT) + " { … }`)" : "")
                            + ", then `set " + name + " = …` from it");
        } else {
            out.error(ValidationCodes.SET_IN_PARALLEL, set.span(), "`set " + name + "` in an iteration of the parallel "
                            + "`for each` at line " + line + " does not update the `" + name + "` bound at line "
                            + outside.step().span().line() + ": each iteration has its own `" + name
                            + "`, and after the loop `" + name + "` is replaced by the list of the iterations' values",
                    "bind each iteration's value under a name of its own (`set " + name + "_part = …`) and combine "
                            + "the list `" + name + "_part` after the loop, or drop `parallel` to update `" + name
                            + "` step by step");
        }
    }

    /** Whether some path reaches the concurrent step with the name already bound (not only by the step itself). */
    private boolean boundBefore(Step owner, String name) {
        if (maybeBound == null) {
            maybeBound = MaybeBound.of(facts.graph);
        }
        for (FlowNode n : facts.graph.nodesOf(owner)) {
            NameSet before = MaybeBound.beforeAndNotAround(maybeBound, facts.graph, n);
            if (before != null && before.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
