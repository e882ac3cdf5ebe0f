package dev.agentplan.validate.flow;

import dev.agentplan.model.Effect;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;

/**
 * One node of a {@link ControlFlowGraph}. Statement nodes carry their step and its stable path
 * ({@link dev.agentplan.model.StepPaths}); structure nodes (join, handler, catch, finally) carry
 * the step they belong to. A finally body is in the graph twice, once for normal completion and
 * once for errors ({@link #onErrorPath()}), so both copies share step and path.
 */
public final class FlowNode {

    private final int id;
    private final NodeKind kind;
    private final String path;
    private final Step step;
    private final SourceSpan span;
    private final Step.Branch branch;
    private final Step.Catch catchClause;
    private final boolean onErrorPath;
    private FlowNode fork;
    private FlowNode join;
    private Effect effect;
    private boolean needsApproval;

    FlowNode(int id, NodeKind kind, String path, Step step, SourceSpan span, Step.Branch branch,
             Step.Catch catchClause, boolean onErrorPath) {
        this.id = id;
        this.kind = kind;
        this.path = path;
        this.step = step;
        this.span = span == null ? SourceSpan.NONE : span;
        this.branch = branch;
        this.catchClause = catchClause;
        this.onErrorPath = onErrorPath;
    }

    public int id() {
        return id;
    }

    public NodeKind kind() {
        return kind;
    }

    /** The step path ({@code 3/then/2}); for structure nodes the path of what they belong to ({@code 6/catch1}). */
    public String path() {
        return path;
    }

    /** The step; for JOIN the parallel step, for HANDLER/CATCH/FINALLY the try step; null for entry and exits. */
    public Step step() {
        return step;
    }

    public SourceSpan span() {
        return span;
    }

    /** The branch whose condition an IF or ELSE_IF node tests. */
    public Step.Branch branch() {
        return branch;
    }

    /** The catch clause a CATCH node starts. */
    public Step.Catch catchClause() {
        return catchClause;
    }

    /** Whether the node is in the copy of a finally body that runs while an error is on its way out. */
    public boolean onErrorPath() {
        return onErrorPath;
    }

    /** For a JOIN: the FORK of the same parallel step. */
    public FlowNode fork() {
        return fork;
    }

    /** For a FORK: the JOIN of the same parallel step. */
    public FlowNode join() {
        return join;
    }

    static void pair(FlowNode forkNode, FlowNode joinNode) {
        joinNode.fork = forkNode;
        forkNode.join = joinNode;
    }

    /** For a CALL of a declared tool of a known kind: its effect; null otherwise. */
    public Effect effect() {
        return effect;
    }

    /** For a CALL: whether the tool needs a human approval gate before it (irreversible or approval required). */
    public boolean needsApproval() {
        return needsApproval;
    }

    void risk(Effect toolEffect, boolean approval) {
        this.effect = toolEffect;
        this.needsApproval = approval;
    }

    /** Whether this is an approval gate that counts for safety: one that does not approve itself on timeout. */
    public boolean isSafetyGate() {
        return kind == NodeKind.APPROVE && step instanceof Step.ApproveStep a
                && a.onTimeout() != Step.ApprovalTimeout.APPROVE;
    }

    @Override
    public String toString() {
        return kind + "#" + id + (path == null || path.isEmpty() ? "" : "@" + path) + (onErrorPath ? "(error)" : "");
    }
}
