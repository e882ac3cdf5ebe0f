package dev.agentplan.validate.flow;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import dev.agentplan.syntax.ExpressionText;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

    /** The decisions a path takes, in words ("`x > 1` (line 4) is false"); empty when it takes none. */
    public static List<String> decisions(List<FlowEdge> path) {
        List<String> out = new ArrayList<>();
        for (FlowEdge e : path) {
            String d = decision(e);
            if (d != null && !out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** "when a and b" for a path's decisions, or null when it takes none. */
    public static String when(List<FlowEdge> path) {
        List<String> d = decisions(path);
        if (d.isEmpty()) {
            return null;
        }
        List<String> shown = d.size() > MAX_DECISIONS ? d.subList(0, MAX_DECISIONS) : d;
        return "when " + String.join(" and ", shown) + (d.size() > MAX_DECISIONS ? " and …" : "");
    }

    private static String decision(FlowEdge e) {
        FlowNode from = e.from();
        int line = from.span().line();
        switch (from.kind()) {
            case IF, ELSE_IF -> {
                if (e.label() == EdgeLabel.THEN || e.label() == EdgeLabel.ELSE) {
                    String cond = from.branch() == null ? "the condition" : "`" + text(from.branch().condition()) + "`";
                    return cond + " (line " + line + ") is " + (e.label() == EdgeLabel.THEN ? "true" : "false");
                }
            }
            case FOR_EACH -> {
                if (e.label() == EdgeLabel.DONE && !e.back()) {
                    return "the `for each` at line " + line + " has no items";
                }
                if (e.label() == EdgeLabel.LOOP) {
                    return "the first pass of the `for each` at line " + line + " runs";
                }
            }
            case WHILE -> {
                if (e.label() == EdgeLabel.DONE) {
                    return "the `while` at line " + line + " does not loop";
                }
                if (e.label() == EdgeLabel.LOOP) {
                    return "the first pass of the `while` at line " + line + " runs";
                }
            }
            case HANDLER -> {
                if (e.label() == EdgeLabel.CATCH) {
                    return "a step of the `try` at line " + line + " fails and the catch at line "
                            + e.to().span().line() + " runs";
                }
                return "an error in the `try` at line " + line + " is not caught";
            }
            case APPROVE -> {
                if (e.label() == EdgeLabel.TIMEOUT && !e.abrupt() && from.step() instanceof Step.ApproveStep a) {
                    return "approval `" + a.name() + "` (line " + line + ") times out, which approves it";
                }
            }
            case AWAIT -> {
                if (e.label() == EdgeLabel.TIMEOUT && !e.abrupt() && from.step() instanceof Step.AwaitSignalStep a) {
                    return "the signal \"" + a.signal() + "\" (line " + line + ") does not come in time";
                }
            }
            case FORK -> {
                if (e.label() == EdgeLabel.LANE && e.lane() != null) {
                    return "lane `" + e.lane() + "` of the `parallel` at line " + line + " runs";
                }
            }
            default -> {
                return null;
            }
        }
        return null;
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
