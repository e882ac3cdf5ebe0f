package dev.agentplan.validate.flow;

import dev.agentplan.model.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Definite assignment: the names bound on every path to a point (results of calls, child runs,
 * signals and approvals, {@code set} variables, parallel steps). Loop and catch variables are
 * scoped to their bodies and are not tracked here. Names a lane binds belong to that lane: after
 * the parallel step they are read through the step's binding ({@code <bind>.<lane>.<name>}), so a
 * JOIN continues with the names known when the lanes started, plus the step's own binding.
 */
public final class DefinedNames implements Dataflow.Analysis<Set<String>> {

    public static Dataflow.Result<Set<String>> of(ControlFlowGraph graph) {
        return Dataflow.solve(graph, new DefinedNames());
    }

    /** The name a node binds when it completes, or null. */
    public static String bindingOf(FlowNode node) {
        return switch (node.kind()) {
            case CALL, RUN, SET, AWAIT, APPROVE, JOIN -> node.step().binding();
            default -> null;
        };
    }

    @Override
    public Set<String> entry() {
        return Set.of();
    }

    @Override
    public Set<String> transfer(FlowNode node, Set<String> in) {
        String name = bindingOf(node);
        if (name == null || in.contains(name)) {
            return in;
        }
        Set<String> out = new HashSet<>(in);
        out.add(name);
        return Set.copyOf(out);
    }

    @Override
    public Set<String> meet(Set<String> a, Set<String> b) {
        if (a.equals(b)) {
            return a;
        }
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return Set.copyOf(out);
    }

    @Override
    public Set<String> join(FlowNode join, Step.JoinMode mode, List<Set<String>> laneEnds, Set<String> forkOut) {
        boolean any = laneEnds.stream().anyMatch(f -> f != null);
        boolean all = laneEnds.stream().allMatch(f -> f != null);
        return (mode == Step.JoinMode.FIRST ? any : all) ? forkOut : null;
    }
}
