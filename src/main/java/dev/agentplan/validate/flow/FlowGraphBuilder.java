package dev.agentplan.validate.flow;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BodyNames;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ControlFlowGraph} body by body. Each body is built from the list of dangling
 * exits that lead into it and gives back the exits that leave it, so no junction nodes are needed.
 * See {@link ControlFlowGraph} for how each construct is modelled.
 */
final class FlowGraphBuilder {

    /**
     * A finally body nested in this many other finally bodies is no longer copied for the error
     * path (the copies would double with every level); its one copy then serves both paths.
     */
    private static final int MAX_FINALLY_COPY_DEPTH = 5;

    private final AgentDefinition definition;
    private final Map<String, ToolKind> kinds = new HashMap<>();
    private final List<FlowNode> nodes = new ArrayList<>();
    private final List<FlowEdge> edges = new ArrayList<>();
    private final Map<Object, List<FlowNode>> byElement = ControlFlowGraph.identityMap();
    private FlowNode failure;

    /** A way out of a piece of graph that is not connected yet. */
    private record Exit(FlowNode from, EdgeLabel label, boolean abrupt, String lane) {
        Exit(FlowNode from, EdgeLabel label) {
            this(from, label, false, null);
        }
    }

    /**
     * Where the errors of the steps being built go, whether those steps are in the error copy of a
     * finally body, and how many finally bodies enclose them.
     */
    private record Context(FlowNode errorTarget, boolean onErrorPath, int finallyDepth) {
        boolean drawsErrors() {
            return errorTarget.kind() != NodeKind.FAILURE;
        }

        Context errorsTo(FlowNode target) {
            return new Context(target, onErrorPath, finallyDepth);
        }

        Context inFinally(boolean errorCopy) {
            return new Context(errorTarget, onErrorPath || errorCopy, finallyDepth + 1);
        }
    }

    FlowGraphBuilder(AgentDefinition definition, Collection<ToolKind> toolKinds) {
        this.definition = definition;
        for (ToolKind k : toolKinds) {
            kinds.putIfAbsent(k.name(), k);
        }
    }

    ControlFlowGraph build() {
        FlowNode entry = node(NodeKind.ENTRY, "", null, definition.span(), null, null, false);
        FlowNode exit = node(NodeKind.EXIT, "", null, definition.span(), null, null, false);
        failure = node(NodeKind.FAILURE, "", null, definition.span(), null, null, false);
        Context top = new Context(failure, false, 0);
        List<Exit> ends = body(definition.steps(), "", List.of(new Exit(entry, EdgeLabel.NEXT)), top);
        connect(ends, exit, EdgeLabel.NEXT, false, null);
        return new ControlFlowGraph(definition, nodes, edges, entry, exit, failure, byElement);
    }

    private List<Exit> body(List<Step> steps, String prefix, List<Exit> in, Context ctx) {
        List<Exit> current = in;
        for (int i = 0; i < steps.size(); i++) {
            current = step(steps.get(i), StepPaths.child(prefix, i), current, ctx);
        }
        return current;
    }

    private List<Exit> step(Step step, String path, List<Exit> in, Context ctx) {
        return step.accept(new StepBuilder(path, in, ctx));
    }

    /** Builds one step from the exits leading into it; gives back the exits leaving it. */
    private final class StepBuilder implements Step.Visitor<List<Exit>> {
        private final String path;
        private final List<Exit> in;
        private final Context ctx;

        StepBuilder(String path, List<Exit> in, Context ctx) {
            this.path = path;
            this.in = in;
            this.ctx = ctx;
        }

        @Override
        public List<Exit> visitIf(Step.IfStep s) {
            return ifStep(s, path, in, ctx);
        }

        @Override
        public List<Exit> visitForEach(Step.ForEachStep s) {
            return loop(s, NodeKind.FOR_EACH, s.body(), path, in, ctx);
        }

        @Override
        public List<Exit> visitWhile(Step.WhileStep s) {
            return loop(s, NodeKind.WHILE, s.body(), path, in, ctx);
        }

        @Override
        public List<Exit> visitParallel(Step.ParallelStep s) {
            return parallel(s, path, in, ctx);
        }

        @Override
        public List<Exit> visitTry(Step.TryStep s) {
            return tryStep(s, path, in, ctx);
        }

        @Override
        public List<Exit> visitHandle(Step.HandleStep s) {
            return handle(s, path, in, ctx);
        }

        @Override
        public List<Exit> visitCall(Step.CallStep s) {
            FlowNode n = failing(s, NodeKind.CALL);
            markRisk(n, s);
            return List.of(new Exit(n, EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitRunAgent(Step.RunAgentStep s) {
            return List.of(new Exit(failing(s, NodeKind.RUN), EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitSet(Step.SetStep s) {
            return List.of(new Exit(failing(s, NodeKind.SET), EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitAssert(Step.AssertStep s) {
            return List.of(new Exit(failing(s, NodeKind.ASSERT), EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitModelLoop(Step.ModelLoopStep s) {
            return List.of(new Exit(failing(s, NodeKind.MODEL_LOOP), EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitWait(Step.WaitStep s) {
            return List.of(new Exit(leaf(s, NodeKind.WAIT), EdgeLabel.NEXT));
        }

        @Override
        public List<Exit> visitAwaitSignal(Step.AwaitSignalStep s) {
            FlowNode n = leaf(s, NodeKind.AWAIT);
            List<Exit> out = new ArrayList<>(2);
            out.add(new Exit(n, EdgeLabel.NEXT));
            if (s.timeout() != null) {
                if (s.onTimeout() == Step.SignalTimeout.CONTINUE) {
                    out.add(new Exit(n, EdgeLabel.TIMEOUT));
                } else {
                    edge(n, ctx.errorTarget(), EdgeLabel.TIMEOUT, true, false, null);
                }
            }
            return out;
        }

        @Override
        public List<Exit> visitApprove(Step.ApproveStep s) {
            FlowNode n = leaf(s, NodeKind.APPROVE);
            List<Exit> out = new ArrayList<>(2);
            edge(n, ctx.errorTarget(), EdgeLabel.REJECTED, true, false, null);
            if (s.timeout() != null && s.onTimeout() == Step.ApprovalTimeout.APPROVE) {
                out.add(new Exit(n, EdgeLabel.TIMEOUT));
            } else if (s.timeout() != null) {
                edge(n, ctx.errorTarget(), EdgeLabel.TIMEOUT, true, false, null);
            }
            out.add(0, new Exit(n, EdgeLabel.APPROVED));
            return out;
        }

        @Override
        public List<Exit> visitFail(Step.FailStep s) {
            FlowNode n = leaf(s, NodeKind.FAIL);
            edge(n, ctx.errorTarget(), EdgeLabel.FAIL, true, false, null);
            return List.of();
        }

        /** A statement node, connected from the exits leading into it. */
        private FlowNode leaf(Step s, NodeKind kind) {
            FlowNode n = statement(s, kind, path, ctx);
            connect(in, n, EdgeLabel.NEXT, false, null);
            return n;
        }

        /** A statement whose own evaluation may fail (a call, a child run, an expression). */
        private FlowNode failing(Step s, NodeKind kind) {
            FlowNode n = leaf(s, kind);
            implicitError(n, ctx);
            return n;
        }
    }

    private void markRisk(FlowNode n, Step.CallStep c) {
        ToolDecl tool = definition.tool(c.call().tool());
        if (tool != null) {
            ToolFacts facts = ToolFacts.of(definition, tool, kinds.get(tool.kind()));
            n.risk(facts.effect(), facts.needsApproval());
        }
    }

    private List<Exit> ifStep(Step.IfStep s, String path, List<Exit> in, Context ctx) {
        List<Exit> out = new ArrayList<>();
        List<Exit> next = in;
        for (int b = 0; b < s.branches().size(); b++) {
            Step.Branch branch = s.branches().get(b);
            FlowNode cond = b == 0
                    ? node(NodeKind.IF, path, s, s.span(), branch, null, ctx.onErrorPath())
                    : node(NodeKind.ELSE_IF, StepPaths.body(path, BodyNames.branch(b, s.branches().size())), s,
                            branch.span(), branch, null, ctx.onErrorPath());
            if (b == 0) {
                register(cond, s);
            }
            register(cond, branch);
            connect(next, cond, EdgeLabel.NEXT, false, null);
            implicitError(cond, ctx);
            out.addAll(body(branch.body(), StepPaths.body(path, BodyNames.branch(b, s.branches().size())),
                    List.of(new Exit(cond, EdgeLabel.THEN)), ctx));
            next = List.of(new Exit(cond, EdgeLabel.ELSE));
        }
        if (s.branches().isEmpty()) {
            // Not written by the parser; a model built in code may still have no branch.
            FlowNode cond = statement(s, NodeKind.IF, path, ctx);
            connect(next, cond, EdgeLabel.NEXT, false, null);
            next = List.of(new Exit(cond, EdgeLabel.ELSE));
        }
        out.addAll(body(s.otherwise(), StepPaths.body(path, BodyNames.ELSE), next, ctx));
        return out;
    }

    private List<Exit> loop(Step s, NodeKind kind, List<Step> steps, String path, List<Exit> in, Context ctx) {
        FlowNode head = statement(s, kind, path, ctx);
        connect(in, head, EdgeLabel.NEXT, false, null);
        implicitError(head, ctx);
        List<Exit> ends = body(steps, StepPaths.body(path, BodyNames.BODY), List.of(new Exit(head, EdgeLabel.LOOP)),
                ctx);
        for (Exit e : ends) {
            edge(e.from(), head, e.label() == EdgeLabel.NEXT ? EdgeLabel.BACK : e.label(), e.abrupt(), true, null);
        }
        return List.of(new Exit(head, EdgeLabel.DONE));
    }

    /**
     * The head binds the handler's variable (its default, or null) as the body starts; with
     * {@code leave} an event may end the body at any point, so the walk may also go from the head
     * straight on, as if the body had not run.
     */
    private List<Exit> handle(Step.HandleStep s, String path, List<Exit> in, Context ctx) {
        FlowNode head = statement(s, NodeKind.HANDLE, path, ctx);
        connect(in, head, EdgeLabel.NEXT, false, null);
        implicitError(head, ctx);
        List<Exit> out = new ArrayList<>(body(s.body(), StepPaths.body(path, BodyNames.BODY),
                List.of(new Exit(head, EdgeLabel.NEXT)), ctx));
        if (s.leave()) {
            out.add(new Exit(head, EdgeLabel.LEAVE));
        }
        return out;
    }

    private List<Exit> parallel(Step.ParallelStep s, String path, List<Exit> in, Context ctx) {
        FlowNode fork = statement(s, NodeKind.FORK, path, ctx);
        connect(in, fork, EdgeLabel.NEXT, false, null);
        FlowNode join = node(NodeKind.JOIN, path, s, s.span(), null, null, ctx.onErrorPath());
        FlowNode.pair(fork, join);
        if (s.lanes().isEmpty()) {
            edge(fork, join, EdgeLabel.NEXT, false, false, null);
        }
        for (Step.Lane lane : s.lanes()) {
            List<Exit> ends = body(lane.body(), StepPaths.body(path, BodyNames.lane(lane.name())),
                    List.of(new Exit(fork, EdgeLabel.LANE, false, lane.name())), ctx);
            connect(ends, join, EdgeLabel.NEXT, false, lane.name());
        }
        return List.of(new Exit(join, EdgeLabel.NEXT));
    }

    private List<Exit> tryStep(Step.TryStep s, String path, List<Exit> in, Context ctx) {
        FlowNode tryNode = statement(s, NodeKind.TRY, path, ctx);
        connect(in, tryNode, EdgeLabel.NEXT, false, null);
        boolean hasFinally = !s.finallyBody().isEmpty();
        boolean copyFinally = hasFinally && ctx.finallyDepth() < MAX_FINALLY_COPY_DEPTH;
        String finallyPath = StepPaths.body(path, BodyNames.FINALLY);
        FlowNode normalFinally = hasFinally ? node(NodeKind.FINALLY, finallyPath, s, s.span(), null, null,
                ctx.onErrorPath()) : null;
        FlowNode errorFinally = !hasFinally ? null : copyFinally
                ? node(NodeKind.FINALLY, finallyPath, s, s.span(), null, null, true) : normalFinally;
        // Errors leaving the catches (or the body, when nothing catches them) go through finally first.
        FlowNode onwards = hasFinally ? errorFinally : ctx.errorTarget();
        FlowNode handler = s.catches().isEmpty() ? null
                : node(NodeKind.HANDLER, path, s, s.span(), null, null, ctx.onErrorPath());

        List<Exit> normalEnds = new ArrayList<>(body(s.body(), StepPaths.body(path, BodyNames.TRY),
                List.of(new Exit(tryNode, EdgeLabel.NEXT)), ctx.errorsTo(handler != null ? handler : onwards)));
        if (handler != null) {
            boolean caughtAll = false;
            for (int c = 0; c < s.catches().size(); c++) {
                Step.Catch clause = s.catches().get(c);
                String catchPath = StepPaths.body(path, BodyNames.catchClause(c));
                FlowNode catchNode = node(NodeKind.CATCH, catchPath, s, clause.span(), null, clause, ctx.onErrorPath());
                register(catchNode, clause);
                if (!caughtAll) {
                    edge(handler, catchNode, EdgeLabel.CATCH, false, false, null);
                }
                normalEnds.addAll(body(clause.body(), catchPath, List.of(new Exit(catchNode, EdgeLabel.NEXT)),
                        ctx.errorsTo(onwards)));
                caughtAll |= clause.errorTypes().isEmpty();
            }
            if (!caughtAll) {
                edge(handler, onwards, hasFinally ? EdgeLabel.FINALLY : EdgeLabel.ERROR, false, false, null);
            }
        }
        if (!hasFinally) {
            return normalEnds;
        }
        connect(normalEnds, normalFinally, EdgeLabel.FINALLY, false, null);
        List<Exit> after = body(s.finallyBody(), finallyPath, List.of(new Exit(normalFinally, EdgeLabel.NEXT)),
                ctx.inFinally(false));
        List<Exit> rethrown = copyFinally
                ? body(s.finallyBody(), finallyPath, List.of(new Exit(errorFinally, EdgeLabel.NEXT)), ctx.inFinally(true))
                : after;
        // After the error copy, the error goes on to the enclosing handler with the state finally left.
        for (Exit e : rethrown) {
            edge(e.from(), ctx.errorTarget(), EdgeLabel.ERROR, e.abrupt(), false, null);
        }
        return after;
    }

    // ---- nodes and edges ----

    private FlowNode statement(Step step, NodeKind kind, String path, Context ctx) {
        FlowNode n = node(kind, path, step, step.span(), null, null, ctx.onErrorPath());
        register(n, step);
        return n;
    }

    private FlowNode node(NodeKind kind, String path, Step step, SourceSpan span, Step.Branch branch,
                          Step.Catch clause, boolean onErrorPath) {
        FlowNode n = new FlowNode(nodes.size(), kind, path, step, span, branch, clause, onErrorPath);
        nodes.add(n);
        return n;
    }

    private void register(FlowNode n, Object element) {
        byElement.computeIfAbsent(element, k -> new ArrayList<>(1)).add(n);
    }

    /** A step inside a try (or a catch with a finally) may fail: an abrupt edge to where its error goes. */
    private void implicitError(FlowNode n, Context ctx) {
        if (ctx.drawsErrors()) {
            edge(n, ctx.errorTarget(), EdgeLabel.ERROR, true, false, null);
        }
    }

    /** Connects dangling exits to {@code to}; an exit's own label (then, else, …) wins over {@code label}. */
    private void connect(List<Exit> exits, FlowNode to, EdgeLabel label, boolean back, String lane) {
        for (Exit e : exits) {
            EdgeLabel l = e.label() == EdgeLabel.NEXT ? label : e.label();
            edge(e.from(), to, l, e.abrupt(), back, e.lane() != null ? e.lane() : lane);
        }
    }

    private void edge(FlowNode from, FlowNode to, EdgeLabel label, boolean abrupt, boolean back, String lane) {
        edges.add(new FlowEdge(from, to, label, abrupt, back, lane));
    }
}
