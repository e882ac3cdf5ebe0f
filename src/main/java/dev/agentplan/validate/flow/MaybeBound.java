package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.List;

/**
 * The names bound on <em>some</em> path to a point: {@link DefinedNames} with union for meet.
 * Names a lane binds stay in the lane, as at run time; a parallel {@code for each} lifts its
 * body's names out as lists.
 */
public final class MaybeBound implements Dataflow.Analysis<NameSet> {

    private final DefinedNames definite;

    private MaybeBound(ControlFlowGraph graph) {
        this.definite = DefinedNames.forGraph(graph);
    }

    public static Dataflow.Result<NameSet> of(ControlFlowGraph graph) {
        return Dataflow.solve(graph, new MaybeBound(graph));
    }

    /** The names bound on some path into {@code node}, leaving out what comes round a loop to it. */
    public static NameSet beforeAndNotAround(Dataflow.Result<NameSet> result, ControlFlowGraph graph, FlowNode node) {
        NameSet merged = null;
        for (FlowEdge e : graph.incoming(node)) {
            NameSet f = e.back() ? null : result.along(e);
            if (f != null) {
                merged = merged == null ? f : merged.or(f);
            }
        }
        return merged;
    }

    @Override
    public NameSet entry() {
        return definite.entry();
    }

    @Override
    public NameSet transfer(FlowNode node, NameSet in) {
        return definite.transfer(node, in);
    }

    @Override
    public NameSet meet(NameSet a, NameSet b) {
        return a.or(b);
    }

    @Override
    public NameSet join(FlowNode join, Step.JoinMode mode, List<NameSet> laneEnds, NameSet forkOut) {
        return laneEnds.stream().anyMatch(f -> f != null) ? forkOut : null;
    }

}
