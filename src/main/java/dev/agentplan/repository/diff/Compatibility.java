package dev.agentplan.repository.diff;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a run of A paused at a step can continue under B. Steps are addressed by path at run
 * time, so B must have, at the same paths, the same steps for everything the run has done or may
 * be doing: every step before the pause point in its body and in each enclosing body (whole),
 * the enclosing steps themselves (their own fields; whole for loops, parallel blocks and a try
 * whose catch or finally is running, since their other parts may run or have run), the paused
 * step (whole, except an if or try, which is only starting), and the tools those steps call and
 * the inputs they read. Conservative: a
 * verdict of "compatible" is safe; "incompatible" may sometimes be stricter than needed.
 */
final class Compatibility {

    private record Region(StepTree.Node node, boolean whole) {
    }

    private record Problem(String path, String reason) {
    }

    private final Map<String, Optional<Problem>> wholeCache = new HashMap<>();

    private final AgentDefinition a;
    private final AgentDefinition b;
    private final StepTree treeA;
    private final StepTree treeB;

    private Compatibility(AgentDefinition a, AgentDefinition b, StepTree treeA, StepTree treeB) {
        this.a = a;
        this.b = b;
        this.treeA = treeA;
        this.treeB = treeB;
    }

    /** A verdict for every step path of A, in execution (source) order. */
    static Map<String, StepVerdict> of(AgentDefinition a, AgentDefinition b, StepTree treeA, StepTree treeB) {
        Compatibility c = new Compatibility(a, b, treeA, treeB);
        String newRequired = c.newRequiredInput();
        Map<String, StepVerdict> out = new LinkedHashMap<>();
        for (StepTree.Node s : treeA.preOrder) {
            out.put(s.path(), newRequired != null
                    ? new StepVerdict(s.path(), false, null, newRequired)
                    : c.verdict(s));
        }
        return out;
    }

    private String newRequiredInput() {
        for (InputDecl in : b.inputs()) {
            if (in.required() && a.input(in.name()) == null) {
                return "input " + in.name() + " is new and required; runs started without it cannot go on";
            }
        }
        return null;
    }

    private StepVerdict verdict(StepTree.Node paused) {
        for (Region r : region(paused)) {
            Problem problem = r.whole() ? wholeProblem(r.node()) : ownProblem(r.node(), false);
            if (problem != null) {
                return new StepVerdict(paused.path(), false, problem.path(), problem.reason());
            }
        }
        return StepVerdict.ok(paused.path());
    }

    /** The first difference in a step or anything nested in it; cached, since many pause points share it. */
    private Problem wholeProblem(StepTree.Node root) {
        return wholeCache.computeIfAbsent(root.path(), k -> {
            for (StepTree.Node n : treeA.subtree(root)) {
                Problem p = ownProblem(n, true);
                if (p != null) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }).orElse(null);
    }

    private Problem ownProblem(StepTree.Node n, boolean whole) {
        String reason = difference(n, whole);
        if (reason == null) {
            reason = dependencyDifference(n);
        }
        return reason == null ? null : new Problem(n.path(), reason);
    }

    /** The steps that must be unchanged, in execution order, top-down from the outermost body. */
    private List<Region> region(StepTree.Node paused) {
        List<StepTree.Node> chain = new ArrayList<>();
        for (StepTree.Node n = paused; n != null; n = n.parentPath() == null ? null : treeA.get(n.parentPath())) {
            chain.add(0, n);
        }
        List<Region> out = new ArrayList<>();
        for (int level = 0; level < chain.size(); level++) {
            StepTree.Node x = chain.get(level);
            List<StepTree.Node> body = treeA.body(x.prefix());
            for (int i = 0; i < x.index(); i++) {
                out.add(new Region(body.get(i), true));
            }
            if (x == paused) {
                // Paused at an if or a try means it has just started: none of its bodies ran yet.
                out.add(new Region(x, BodyRuns.of(x.step()).pausedCoversBodies()));
                break;
            }
            boolean whole = BodyRuns.of(x.step()).coversAllBodies(chain.get(level + 1).bodyName());
            out.add(new Region(x, whole));
            if (whole) {
                break;
            }
        }
        return out;
    }

    /** How B differs at this step's address; with {@code whole}, also in the number of nested steps. */
    private String difference(StepTree.Node n, boolean whole) {
        StepTree.Node m = treeB.get(n.path());
        if (m == null) {
            return "step " + n.path() + " (" + StepLabels.of(n.step()) + ") is no longer at that address";
        }
        if (m.step().getClass() != n.step().getClass()) {
            return "step " + n.path() + " is now " + StepLabels.of(m.step()) + " instead of " + StepLabels.of(n.step());
        }
        List<StepDetails.Detail> details = StepDetails.compare(n.step(), m.step());
        if (!details.isEmpty()) {
            return "step " + n.path() + " (" + StepLabels.of(n.step()) + "): " + details.get(0).what();
        }
        if (whole) {
            Map<String, List<Step>> bodiesB = Bodies.of(m.step());
            for (Map.Entry<String, List<Step>> body : Bodies.of(n.step()).entrySet()) {
                int sizeB = bodiesB.getOrDefault(body.getKey(), List.of()).size();
                if (sizeB > body.getValue().size()) {
                    return "step " + n.path() + " (" + StepLabels.of(n.step()) + "): steps added to its "
                            + body.getKey() + " body";
                }
            }
        }
        return null;
    }

    private String dependencyDifference(StepTree.Node n) {
        for (String tool : StepUses.tools(n.step())) {
            ToolDecl ta = a.tool(tool);
            ToolDecl tb = b.tool(tool);
            boolean same = ta != null && tb != null && ta.equals(tb)
                    && a.effectivePolicy(ta).equals(b.effectivePolicy(tb));
            if (!same && !(ta == null && tb == null)) {
                return "tool " + tool + (tb == null ? " was removed" : " changed") + "; step " + n.path() + " calls it";
            }
        }
        for (String input : StepUses.inputs(n.step())) {
            boolean same = input.equals("*") ? sameInputs() : sameInput(a.input(input), b.input(input));
            if (!same) {
                return (input.equals("*") ? "the inputs" : "input " + input) + " changed; step " + n.path() + " reads it";
            }
        }
        return null;
    }

    private boolean sameInputs() {
        if (a.inputs().size() != b.inputs().size()) {
            return false;
        }
        return a.inputs().stream().allMatch(i -> sameInput(i, b.input(i.name())));
    }

    /** Descriptions do not matter to a running plan; type and default do. */
    private static boolean sameInput(InputDecl x, InputDecl y) {
        if (x == null || y == null) {
            return x == y;
        }
        return x.type() == y.type() && Objects.equals(x.defaultValue(), y.defaultValue());
    }
}
