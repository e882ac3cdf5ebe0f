package dev.agentplan.validate;

import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.validate.flow.FlowEdge;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.NodeKind;
import dev.agentplan.validate.flow.ToolFacts;
import dev.agentplan.validate.flow.WitnessPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approval gates on the graph. A call of a tool that is irreversible or needs approval must have
 * a safety gate on every path before it: proven with the {@link dev.agentplan.validate.flow.SafetyGates}
 * must-analysis, and when it fails, the path that skips the gates is named. Two gates with the same
 * name must not both run in one pass of the plan.
 */
final class ApprovalChecks {

    private final PlanFacts facts;
    private final Findings out;

    ApprovalChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> {
            if (step instanceof Step.CallStep c) {
                gated(c);
                undo(c);
            }
        });
        duplicateGates();
    }

    private void gated(Step.CallStep call) {
        ToolFacts tool = facts.tool(call.call().tool());
        if (tool == null || !tool.needsApproval()) {
            return;
        }
        for (FlowNode n : facts.graph.nodesOf(call)) {
            Boolean passed = facts.gated.in(n);
            if (passed == null || passed) {
                continue;
            }
            List<FlowEdge> path = WitnessPath.find(facts.graph, facts.gated, n, g -> !g);
            String when = WitnessPath.when(facts.graph, path, FlowNode::isSafetyGate);
            String message = "tool `" + tool.decl().name() + "` " + tool.approvalReason() + ", but this call can run "
                    + "without a human's approval: " + (when == null ? "no approval gate comes before it"
                    : when + ", no approval gate comes before it") + weakGates(path);
            out.error(ValidationCodes.UNGATED_CALL, call.span(), message,
                    "put `approve <name> { ask \"…\"  timeout 4h }` before the call on every path (a gate with "
                            + "`on_timeout approve` does not count), or declare the tool `approval none` if its calls are safe");
            return;
        }
    }

    /**
     * A compensation runs when a later step fails or the run is cancelled, long after any gate
     * before its call, and nobody is asked what it will do: an undo must never need approval.
     */
    private void undo(Step.CallStep call) {
        if (call.undo() == null) {
            return;
        }
        ToolFacts tool = facts.tool(call.undo().tool());
        if (tool == null || !tool.needsApproval()) {
            return;
        }
        out.error(ValidationCodes.UNDO_NEEDS_APPROVAL, call.undo().span(), "the `undo` action calls `"
                        + tool.decl().name() + "`, which " + tool.approvalReason()
                        + ": a compensation runs when a later step fails or the run is cancelled, and no human is "
                        + "asked first (an approval before the call covers the call, not its undo)",
                "make the undo tool approval-free (a reversible tool, or `approval none` if undoing is safe), or "
                        + "put the compensating call in a `catch` after an `approve` gate");
    }

    /** Gates on the path that do not count, so the message can say why. */
    private static String weakGates(List<FlowEdge> path) {
        List<String> weak = new ArrayList<>();
        for (FlowEdge e : path) {
            FlowNode n = e.from();
            if (n.kind() == NodeKind.APPROVE && !n.isSafetyGate() && n.step() instanceof Step.ApproveStep a) {
                String s = "`" + a.name() + "` at line " + a.span().line();
                if (!weak.contains(s)) {
                    weak.add(s);
                }
            }
        }
        if (weak.isEmpty()) {
            return "";
        }
        return " (approval " + String.join(", ", weak) + " does not count: it approves itself on timeout)";
    }

    /** Two gates share a name when one can run after the other without going round a loop. */
    private void duplicateGates() {
        Map<String, List<FlowNode>> byName = new LinkedHashMap<>();
        for (FlowNode n : facts.graph.nodes()) {
            if (n.kind() == NodeKind.APPROVE && n.step() instanceof Step.ApproveStep a) {
                byName.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<Step, Boolean> reported = new IdentityHashMap<>();
        for (List<FlowNode> gates : byName.values()) {
            if (gates.size() < 2) {
                continue;
            }
            for (FlowNode from : gates) {
                boolean[] later = forwardWithoutLoops(from);
                for (FlowNode to : gates) {
                    if (to.step() != from.step() && later[to.id()] && reported.put(to.step(), true) == null) {
                        Step.ApproveStep a = (Step.ApproveStep) to.step();
                        out.error(ValidationCodes.DUPLICATE_GATE, a.span(), "approval `" + a.name()
                                        + "` has the name of the approval at line " + from.span().line()
                                        + ", which may already have run before it",
                                "give each approval its own name: the name holds who approved, for the steps after it");
                    }
                }
            }
        }
    }

    private boolean[] forwardWithoutLoops(FlowNode start) {
        boolean[] seen = new boolean[facts.graph.nodes().size()];
        ArrayDeque<FlowNode> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            FlowNode n = queue.poll();
            for (FlowEdge e : facts.graph.outgoing(n)) {
                // A gate that was rejected or timed out bound nothing: only its way on counts.
                boolean bound = n != start || !e.abrupt();
                if (bound && !e.back() && !seen[e.to().id()]) {
                    seen[e.to().id()] = true;
                    queue.add(e.to());
                }
            }
        }
        return seen;
    }
}
