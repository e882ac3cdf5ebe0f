package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.List;

/**
 * A must-analysis: whether an approval gate that counts for safety (one that does not approve
 * itself on timeout) has been passed on every path to a point. Since a rejection fails the run,
 * only the {@code approved} edge (and, for gates that do not count, the {@code timeout} edge)
 * leaves a gate. After {@code parallel all} every lane has finished, so a gate in any lane counts;
 * after {@code parallel first} only a gate every lane passes does.
 */
public final class SafetyGates implements Dataflow.Analysis<Boolean> {

    public static Dataflow.Result<Boolean> of(ControlFlowGraph graph) {
        return Dataflow.solve(graph, new SafetyGates());
    }

    @Override
    public Boolean entry() {
        return Boolean.FALSE;
    }

    @Override
    public Boolean transfer(FlowNode node, Boolean in) {
        return in || node.isSafetyGate();
    }

    @Override
    public Boolean meet(Boolean a, Boolean b) {
        return a && b;
    }

    @Override
    public Boolean join(FlowNode join, Step.JoinMode mode, List<Boolean> laneEnds, Boolean forkOut) {
        boolean anyFinishes = false;
        boolean allFinish = true;
        boolean anyGated = false;
        boolean allGated = true;
        for (Boolean lane : laneEnds) {
            if (lane == null) {
                allFinish = false;
                continue;
            }
            anyFinishes = true;
            anyGated |= lane;
            allGated &= lane;
        }
        if (mode == Step.JoinMode.FIRST) {
            return anyFinishes ? allGated : null;
        }
        return allFinish ? anyGated || forkOut : null;
    }
}
