package dev.agentplan.validate.flow;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import dev.agentplan.syntax.ExpressionText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A counterexample for a must-property: a path from the entry to a node along which the property
 * never became true (a gate never passed, a name never bound), and its decisions in words, so a
 * diagnostic can say which branch goes wrong.
 */
public final class WitnessPath {

    private static final int MAX_TEXT = 60;
    private static final int MAX_DECISIONS = 4;

    private WitnessPath() {
    }

    /**
     * The shortest path from the entry to {@code target} whose every fact is {@code bad}; empty when
     * the fact before {@code target} is not bad or no run reaches it.
     */
    public static <F> List<FlowEdge> find(ControlFlowGraph graph, Dataflow.Result<F> facts, FlowNode target,
                                          Predicate<F> bad) {
        F start = facts.in(target);
        if (start == null || !bad.test(start)) {
            return List.of();
        }
        FlowEdge[] towardTarget = new FlowEdge[graph.nodes().size()];
        boolean[] seen = new boolean[graph.nodes().size()];
        ArrayDeque<FlowNode> queue = new ArrayDeque<>();
        queue.add(target);
        seen[target.id()] = true;
        while (!queue.isEmpty()) {
            FlowNode m = queue.poll();
            if (m == graph.entry()) {
                return forward(graph, towardTarget, target);
            }
            for (FlowEdge e : predecessors(graph, m)) {
                F f = e.abrupt() ? facts.in(e.from()) : facts.out(e.from());
                if (f != null && bad.test(f) && !seen[e.from().id()]) {
                    seen[e.from().id()] = true;
                    towardTarget[e.from().id()] = e;
                    queue.add(e.from());
                }
            }
        }
        return List.of();
    }

    /** A JOIN's state comes from its FORK (the lanes' own bindings stay in the lanes). */
    private static List<FlowEdge> predecessors(ControlFlowGraph graph, FlowNode m) {
        if (m.kind() == NodeKind.JOIN && m.fork() != null && m.step() instanceof Step.ParallelStep p
                && !p.lanes().isEmpty()) {
            return List.of(new FlowEdge(m.fork(), m, EdgeLabel.NEXT, false, false, null));
        }
        return graph.incoming(m);
    }

    private static List<FlowEdge> forward(ControlFlowGraph graph, FlowEdge[] towardTarget, FlowNode target) {
        List<FlowEdge> path = new ArrayList<>();
        FlowNode at = graph.entry();
        while (at != target && towardTarget[at.id()] != null) {
            FlowEdge e = towardTarget[at.id()];
            path.add(e);
            at = e.to();
        }
        return Collections.unmodifiableList(path);
    }

    /**
     * The decisions on a path that matter, in words ("`x > 1` (line 4) is false"): those where
     * another way out of the same node leads to a node that {@code makesGood} (binds the name,
     * passes a gate) before it rejoins the path. Empty when no decision matters.
     */
    public static List<String> decisions(ControlFlowGraph graph, List<FlowEdge> path, Predicate<FlowNode> makesGood) {
        // Where each node last appears on the path: an alternative rejoins the path at a node appearing later.
        int[] lastOnPath = new int[graph.nodes().size()];
        Arrays.fill(lastOnPath, -1);
        for (int j = 0; j < path.size(); j++) {
            lastOnPath[path.get(j).to().id()] = j;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            FlowEdge e = path.get(i);
            String d = decision(e);
            if (d != null && !out.contains(d) && matters(graph, e, i, lastOnPath, makesGood)) {
                out.add(d);
            }
        }
        return out;
    }

    /** "when a and b" for the decisions that matter, or null when none does. */
    public static String when(ControlFlowGraph graph, List<FlowEdge> path, Predicate<FlowNode> makesGood) {
        List<String> d = decisions(graph, path, makesGood);
        if (d.isEmpty()) {
            return null;
        }
        List<String> shown = d.size() > MAX_DECISIONS ? d.subList(0, MAX_DECISIONS) : d;
        return "when " + String.join(" and ", shown) + (d.size() > MAX_DECISIONS ? " and …" : "");
    }

    private static boolean matters(ControlFlowGraph graph, FlowEdge taken, int index, int[] lastOnPath,
                                   Predicate<FlowNode> makesGood) {
        FlowNode from = taken.from();
        if (taken.abrupt() && makesGood.test(from)) {
            return true; // the step that would have bound it (or the gate) failed
        }
        for (FlowEdge other : graph.outgoing(from)) {
            if (other.to() != taken.to() && !other.back()
                    && reachesBeforeRejoining(graph, other.to(), index, lastOnPath, makesGood)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reachesBeforeRejoining(ControlFlowGraph graph, FlowNode start, int index, int[] lastOnPath,
                                                  Predicate<FlowNode> makesGood) {
        if (lastOnPath[start.id()] >= index) {
            return false;
        }
        boolean[] seen = new boolean[graph.nodes().size()];
        ArrayDeque<FlowNode> queue = new ArrayDeque<>();
        queue.add(start);
        seen[start.id()] = true;
        while (!queue.isEmpty()) {
            FlowNode n = queue.poll();
            if (makesGood.test(n)) {
                return true;
            }
            for (FlowEdge e : graph.outgoing(n)) {
                FlowNode next = e.to();
                if (!e.back() && !e.abrupt() && !seen[next.id()] && lastOnPath[next.id()] < index) {
                    seen[next.id()] = true;
                    queue.add(next);
                }
            }
        }
        return false;
    }

    private static String decision(FlowEdge e) {
        FlowNode from = e.from();
        int line = from.span().line();
        if (e.abrupt()) {
            return switch (e.label()) {
                case REJECTED -> from.step() instanceof Step.ApproveStep a
                        ? "approval `" + a.name() + "` (line " + line + ") is rejected" : null;
                case TIMEOUT -> from.step() instanceof Step.ApproveStep a
                        ? "approval `" + a.name() + "` (line " + line + ") times out"
                        : from.step() instanceof Step.AwaitSignalStep w
                        ? "the signal \"" + w.signal() + "\" (line " + line + ") does not come in time" : null;
                case FAIL -> "the `fail` at line " + line + " runs";
                default -> "the step at line " + line + " fails";
            };
        }
        switch (from.kind()) {
            case IF, ELSE_IF -> {
                if (e.label() == EdgeLabel.THEN || e.label() == EdgeLabel.ELSE) {
                    String cond = from.branch() == null ? "the condition" : "`" + text(from.branch().condition()) + "`";
                    return cond + " (line " + line + ") is " + (e.label() == EdgeLabel.THEN ? "true" : "false");
                }
                return null;
            }
            case FOR_EACH, WHILE -> {
                String loop = from.kind() == NodeKind.FOR_EACH ? "`for each`" : "`while`";
                if (e.label() == EdgeLabel.DONE) {
                    return "the " + loop + " at line " + line + " runs no iteration";
                }
                return e.label() == EdgeLabel.LOOP ? "in the first iteration of the " + loop + " at line " + line : null;
            }
            case HANDLER -> {
                return e.label() == EdgeLabel.CATCH ? "the catch at line " + e.to().span().line() + " handles the error"
                        : "the error is not caught";
            }
            case APPROVE -> {
                return e.label() == EdgeLabel.TIMEOUT && from.step() instanceof Step.ApproveStep a
                        ? "approval `" + a.name() + "` (line " + line + ") times out, which approves it" : null;
            }
            case AWAIT -> {
                return e.label() == EdgeLabel.TIMEOUT && from.step() instanceof Step.AwaitSignalStep a
                        ? "the signal \"" + a.signal() + "\" (line " + line + ") does not come in time" : null;
            }
            case FORK -> {
                return e.label() == EdgeLabel.LANE && e.lane() != null
                        ? "in lane `" + e.lane() + "` of the `parallel` at line " + line : null;
            }
            case CALL, RUN, SET -> {
                return "the step at line " + line + " does not fail";
            }
            default -> {
                return null;
            }
        }
    }

    /** An expression as the user would write it, shortened for messages. */
    public static String text(Expr e) {
        if (e == null) {
            return "?";
        }
        String s = ExpressionText.print(e).replace('\n', ' ');
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
    }
}
