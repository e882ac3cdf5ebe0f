package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.List;

/** Which nodes some run can get to: a JOIN of {@code all} only when every lane can finish. */
public final class Reachability implements Dataflow.Analysis<Boolean> {

    public static Dataflow.Result<Boolean> of(ControlFlowGraph graph) {
        return Dataflow.solve(graph, new Reachability());
    }

    @Override
    public Boolean entry() {
        return Boolean.TRUE;
    }

    @Override
    public Boolean transfer(FlowNode node, Boolean in) {
        return in;
    }

    @Override
    public Boolean meet(Boolean a, Boolean b) {
        return Boolean.TRUE;
    }

    @Override
    public Boolean join(FlowNode join, Step.JoinMode mode, List<Boolean> laneEnds, Boolean forkOut) {
        boolean any = laneEnds.stream().anyMatch(f -> f != null);
        boolean all = laneEnds.stream().allMatch(f -> f != null);
        return (mode == Step.JoinMode.FIRST ? any : all) ? Boolean.TRUE : null;
    }
}
