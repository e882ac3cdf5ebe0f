package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A forward dataflow solver over a {@link ControlFlowGraph}. A fact of null means "no run gets
 * here". The fact along an edge is the source's fact after it ran, or, for an abrupt edge (the
 * source failed), the fact before it. Facts are merged with {@link Analysis#meet} except at the
 * JOIN of a parallel step, where {@link Analysis#join} sees each lane's fact separately.
 */
public final class Dataflow {

    /**
     * One analysis. Facts must be immutable values with {@code equals}, and the functions monotone,
     * so the fixed point is reached.
     */
    public interface Analysis<F> {

        /** The fact at the start of a run. */
        F entry();

        /** The fact after {@code node} ran, given the fact before it (never null). */
        F transfer(FlowNode node, F in);

        /** Two facts arriving at the same node by different paths (neither null). */
        F meet(F a, F b);

        /**
         * The fact after the lanes of a parallel step meet.
         *
         * @param laneEnds the fact at the end of each lane, in lane order; null for a lane no run finishes
         * @param forkOut the fact when the lanes started
         */
        F join(FlowNode join, Step.JoinMode mode, List<F> laneEnds, F forkOut);
    }

    /** The fixed point: facts before and after every node. */
    public static final class Result<F> {
        private final ControlFlowGraph graph;
        private final Analysis<F> analysis;
        private final Object[] in;
        private final Object[] out;

        private Result(ControlFlowGraph graph, Analysis<F> analysis, Object[] in, Object[] out) {
            this.graph = graph;
            this.analysis = analysis;
            this.in = in;
            this.out = out;
        }

        @SuppressWarnings("unchecked")
        public F in(FlowNode node) {
            return (F) in[node.id()];
        }

        @SuppressWarnings("unchecked")
        public F out(FlowNode node) {
            return (F) out[node.id()];
        }

        /** The fact carried along an edge. */
        public F along(FlowEdge edge) {
            return edge.abrupt() ? in(edge.from()) : out(edge.from());
        }

        /** The fact at the end of each lane of a parallel step, keyed by lane name; null for a lane no run finishes. */
        public Map<String, F> laneEnds(FlowNode join) {
            Map<String, F> ends = new LinkedHashMap<>();
            if (join.step() instanceof Step.ParallelStep p) {
                for (Step.Lane lane : p.lanes()) {
                    ends.put(lane.name(), null);
                }
            }
            for (FlowEdge e : graph.incoming(join)) {
                if (e.lane() != null) {
                    F f = along(e);
                    if (f != null) {
                        F seen = ends.get(e.lane());
                        ends.put(e.lane(), seen == null ? f : analysis.meet(seen, f));
                    }
                }
            }
            return ends;
        }
    }

    private Dataflow() {
    }

    public static <F> Result<F> solve(ControlFlowGraph graph, Analysis<F> analysis) {
        int n = graph.nodes().size();
        Object[] in = new Object[n];
        Object[] out = new Object[n];
        Result<F> result = new Result<>(graph, analysis, in, out);
        ArrayDeque<FlowNode> work = new ArrayDeque<>();
        boolean[] queued = new boolean[n];
        work.add(graph.entry());
        queued[graph.entry().id()] = true;
        // Monotone analyses settle long before this; the bound only keeps a faulty one from spinning.
        long visitsLeft = 64L * (n + graph.edges().size()) + 1024;
        while (!work.isEmpty() && visitsLeft-- > 0) {
            FlowNode node = work.poll();
            queued[node.id()] = false;
            F before = node == graph.entry() ? analysis.entry() : merge(graph, analysis, result, node);
            F after = before == null ? null : analysis.transfer(node, before);
            if (Objects.equals(before, in[node.id()]) && Objects.equals(after, out[node.id()])) {
                continue;
            }
            in[node.id()] = before;
            out[node.id()] = after;
            List<FlowNode> next = new ArrayList<>();
            for (FlowEdge e : graph.outgoing(node)) {
                next.add(e.to());
            }
            if (node.kind() == NodeKind.FORK && node.join() != null) {
                next.add(node.join());
            }
            for (FlowNode m : next) {
                if (!queued[m.id()]) {
                    queued[m.id()] = true;
                    work.add(m);
                }
            }
        }
        return result;
    }

    private static <F> F merge(ControlFlowGraph graph, Analysis<F> analysis, Result<F> result, FlowNode node) {
        if (node.kind() == NodeKind.JOIN && node.step() instanceof Step.ParallelStep p && !p.lanes().isEmpty()) {
            F forkOut = result.out(node.fork());
            if (forkOut == null) {
                return null;
            }
            return analysis.join(node, p.mode(), new ArrayList<>(result.laneEnds(node).values()), forkOut);
        }
        F merged = null;
        for (FlowEdge e : graph.incoming(node)) {
            F f = result.along(e);
            if (f != null) {
                merged = merged == null ? f : analysis.meet(merged, f);
            }
        }
        return merged;
    }
}
