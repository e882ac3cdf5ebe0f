package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The least total weight of the nodes a run passes on its way to a point (tool calls, steps,
 * waited time): the weights of every lane add up after {@code parallel all}; after
 * {@code parallel first} the cheapest lane counts. Loops may run zero times, so they add nothing
 * to the minimum.
 */
public final class MinimumCost implements Dataflow.Analysis<Long> {

    private final ToLongFunction<FlowNode> weight;

    public MinimumCost(ToLongFunction<FlowNode> weight) {
        this.weight = weight;
    }

    /** The least weight of any successful run (null when no run succeeds). */
    public static Long toExit(ControlFlowGraph graph, ToLongFunction<FlowNode> weight) {
        return Dataflow.solve(graph, new MinimumCost(weight)).in(graph.exit());
    }

    @Override
    public Long entry() {
        return 0L;
    }

    @Override
    public Long transfer(FlowNode node, Long in) {
        return saturatedAdd(in, weight.applyAsLong(node));
    }

    @Override
    public Long meet(Long a, Long b) {
        return Math.min(a, b);
    }

    @Override
    public Long join(FlowNode join, Step.JoinMode mode, List<Long> laneEnds, Long forkOut) {
        long sum = forkOut;
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (Long lane : laneEnds) {
            if (lane == null) {
                if (mode == Step.JoinMode.ALL) {
                    return null;
                }
                continue;
            }
            any = true;
            sum = saturatedAdd(sum, Math.max(0, lane - forkOut));
            min = Math.min(min, lane);
        }
        if (!any) {
            return null;
        }
        return mode == Step.JoinMode.FIRST ? min : sum;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
