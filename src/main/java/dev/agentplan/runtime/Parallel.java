package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.LiftedNames;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.eval.Values;
import dev.agentplan.runtime.limits.Limits;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parallel lanes and parallel loops. Each lane or iteration has its own scope, so they never
 * race on a variable; what they bind is gathered afterwards:
 * <ul>
 * <li>{@code parallel all} binds {laneName: {names the lane bound}, …};
 * <li>{@code parallel first} binds the winning lane's {names it bound};
 * <li>after {@code for each … parallel N}, each name the body can bind becomes the list of its
 *     per-iteration values, in item order (null where an iteration did not bind it; an empty
 *     list when there was no iteration).
 * </ul>
 */
final class Parallel {

    private final RunContext run;
    private final Walker walker;
    private final StepBookkeeping book;

    Parallel(RunContext run, Walker walker) {
        this.run = run;
        this.walker = walker;
        this.book = new StepBookkeeping(run);
    }

    /** Whether the lanes can run as promise work (see {@link PromiseLane#canRun}) rather than in threads. */
    private static boolean promised(List<List<Step>> bodies) {
        for (List<Step> body : bodies) {
            if (!PromiseLane.canRun(body)) {
                return false;
            }
        }
        return true;
    }

    JsonNode lanes(Step.ParallelStep s, String path, String line, Frame f) {
        int n = s.lanes().size();
        Scope[] scopes = new Scope[n];
        boolean first = s.mode() == Step.JoinMode.FIRST;
        int winner = promised(s.lanes().stream().map(Step.Lane::body).toList())
                ? PromiseRunner.run(n, n, first, i -> {
                    Step.Lane lane = s.lanes().get(i);
                    scopes[i] = f.scope().child();
                    return new PromiseLane(run, walker.tools(), book, lane.body(),
                            StepPaths.body(path, "lane:" + lane.name()), f.concurrent(scopes[i]), () -> { });
                }, i -> s.lanes().get(i).name(), path, line)
                : ParallelRunner.run(n, n, first, i -> {
                    Step.Lane lane = s.lanes().get(i);
                    scopes[i] = f.scope().child();
                    walker.runBody(lane.body(), StepPaths.body(path, "lane:" + lane.name()), f.concurrent(scopes[i]));
                }, i -> s.lanes().get(i).name(), path, line);
        if (first) {
            approvedIn(f, winner < 0 ? new Scope[0] : new Scope[] {scopes[winner]});
            return winner < 0 ? NullNode.getInstance() : own(scopes[winner]);
        }
        approvedIn(f, scopes); // every lane finished: an approval in any of them came before what follows
        ObjectNode all = Values.NODES.objectNode();
        for (int i = 0; i < n; i++) {
            all.set(s.lanes().get(i).name(), own(scopes[i]));
        }
        return all;
    }

    void forEach(Step.ForEachStep s, String path, String line, Frame f, JsonNode items) {
        int n = items.size();
        Scope[] scopes = new Scope[n];
        String body = StepPaths.body(path, "body");
        int limit = s.maxConcurrency() == null ? 1 : s.maxConcurrency();
        Map<String, Long> gathered = new HashMap<>();
        if (PromiseLane.canRun(s.body())) {
            PromiseRunner.run(n, limit, false, i -> {
                scopes[i] = f.scope().child();
                scopes[i].set(s.variable(), items.get(i));
                return new PromiseLane(run, walker.tools(), book, s.body(), body,
                        f.concurrent(scopes[i]).inIteration(path, i),
                        () -> checkGathered(gathered, scopes[i], s.variable(), path, line));
            }, i -> "iteration " + i, path, line);
        } else {
            ParallelRunner.run(n, limit, false, i -> {
                scopes[i] = f.scope().child();
                scopes[i].set(s.variable(), items.get(i));
                walker.runBody(s.body(), body, f.concurrent(scopes[i]).inIteration(path, i));
                checkGathered(gathered, scopes[i], s.variable(), path, line);
            }, i -> "iteration " + i, path, line);
        }
        // Every name the body can bind is defined afterwards, even when no iteration bound it
        // (an empty list after zero iterations), so later steps never depend on luck.
        Set<String> names = new LinkedHashSet<>(LiftedNames.of(s.body()));
        for (Scope sc : scopes) {
            names.addAll(sc.own().keySet());
        }
        names.remove(s.variable());
        approvedIn(f, scopes);
        for (String name : names) {
            ArrayNode values = Values.NODES.arrayNode();
            for (Scope sc : scopes) {
                values.add(Values.orNull(sc.own().get(name)));
            }
            f.scope().set(name, values);
        }
    }

    private static void approvedIn(Frame f, Scope[] finished) {
        for (Scope sc : finished) {
            if (sc != null && sc.approvedHere()) {
                f.scope().markApproved();
                return;
            }
        }
    }

    /**
     * Each name the iterations bind becomes one list, a value like any other: it must stay under
     * the value limit. Checked as iterations finish (in workflow order, so replays agree), before
     * thousands of finished iterations hold more memory than the worker has.
     */
    private static void checkGathered(Map<String, Long> gathered, Scope iteration, String loopVariable, String path,
                                      String line) {
        for (Map.Entry<String, JsonNode> e : iteration.own().entrySet()) {
            if (e.getKey().equals(loopVariable)) {
                continue;
            }
            long total = gathered.merge(e.getKey(), Values.approximateBytes(e.getValue()), Long::sum);
            if (total > Limits.VALUE_MAX_BYTES) {
                throw PlanError.of(ErrorTypes.LIMIT_EXCEEDED, (line.isEmpty() ? "" : line + ": ") + "the values of '"
                        + e.getKey() + "' from the iterations of this parallel for each add up to more than "
                        + Limits.bytes(Limits.VALUE_MAX_BYTES) + ", the limit for the list they become (see the"
                        + " README, 'Limits')", path, line);
            }
        }
    }

    private static ObjectNode own(Scope scope) {
        ObjectNode out = Values.NODES.objectNode();
        if (scope != null) {
            for (Map.Entry<String, JsonNode> e : scope.own().entrySet()) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
