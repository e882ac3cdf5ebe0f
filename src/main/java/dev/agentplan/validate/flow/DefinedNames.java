package dev.agentplan.validate.flow;

import dev.agentplan.model.LiftedNames;
import dev.agentplan.model.Step;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Definite assignment: the names bound on every path to a point (results of calls, child runs,
 * signals and approvals, {@code set} variables, parallel steps). Loop and catch variables are
 * scoped to their bodies and are not tracked here. Names a lane binds belong to that lane: after
 * the parallel step they are read through the step's binding ({@code <bind>.<lane>.<name>}), so a
 * JOIN continues with the names known when the lanes started, plus the step's own binding.
 * Names bound in the body of a parallel {@code for each} are lifted out of it as lists.
 */
public final class DefinedNames implements Dataflow.Analysis<NameSet> {

    private final NameSet empty;

    private DefinedNames(ControlFlowGraph graph) {
        Map<String, Integer> numbering = new HashMap<>();
        for (FlowNode n : graph.nodes()) {
            String name = bindingOf(n);
            if (name != null) {
                numbering.putIfAbsent(name, numbering.size());
            }
        }
        this.empty = new NameSet(Map.copyOf(numbering), new BitSet());
    }

    public static Dataflow.Result<NameSet> of(ControlFlowGraph graph) {
        return Dataflow.solve(graph, new DefinedNames(graph));
    }

    /** The analysis itself, for analyses that share its transfer (see {@link MaybeBound}). */
    static DefinedNames forGraph(ControlFlowGraph graph) {
        return new DefinedNames(graph);
    }

    /** The name a node binds when it completes, or null. */
    public static String bindingOf(FlowNode node) {
        return switch (node.kind()) {
            case CALL, RUN, SET, AWAIT, APPROVE, JOIN, HANDLE, MODEL_LOOP -> node.step().binding();
            default -> null;
        };
    }

    @Override
    public NameSet entry() {
        return empty;
    }

    @Override
    public NameSet transfer(FlowNode node, NameSet in) {
        String name = bindingOf(node);
        NameSet out = name == null ? in : in.with(name);
        // After a parallel for each, every name its body can bind holds the list of per-iteration
        // values (empty after no iteration), so the names are defined whatever the items are.
        if (node.kind().isStatement()) {
            for (Step.Body body : node.step().bodies()) {
                if (body.scoping() == Step.Scoping.PER_ITERATION) {
                    for (String lifted : LiftedNames.of(body.steps())) {
                        out = out.with(lifted);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public NameSet meet(NameSet a, NameSet b) {
        return a.and(b);
    }

    @Override
    public NameSet join(FlowNode join, Step.JoinMode mode, List<NameSet> laneEnds, NameSet forkOut) {
        boolean any = laneEnds.stream().anyMatch(f -> f != null);
        boolean all = laneEnds.stream().allMatch(f -> f != null);
        return (mode == Step.JoinMode.FIRST ? any : all) ? forkOut : null;
    }
}
