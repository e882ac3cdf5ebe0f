package dev.agentplan.validate.flow;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control-flow graph of a plan: every way a run can go from its entry to its successful
 * {@link #exit()} or to {@link #failure()}. Built by {@link #build}; used by the validator's
 * flow analyses and drawn by {@link FlowRenderer}.
 *
 * <p>How constructs are modelled:
 * <ul>
 * <li>{@code if}/{@code else if}/{@code else}: one condition node per branch, {@code then} into its
 *     body, {@code else} to the next condition or the else body (or past the step).</li>
 * <li>{@code for each} and {@code while}: a head node; {@code loop} into the body, {@code back} from
 *     the body's end to the head, {@code done} past the loop, so a body runs zero or more times.
 *     A parallel for each has the same shape (its iterations are independent).</li>
 * <li>{@code parallel}: a FORK with a {@code lane} edge into every lane and a JOIN where the lanes
 *     end. Analyses treat the JOIN specially: {@code all} continues when every lane finished,
 *     {@code first} when one did.</li>
 * <li>{@code try}: inside the body, every step has an abrupt {@code error} edge to the try's
 *     HANDLER (the state before the step), so a catch can be entered from before any step of the
 *     body. The HANDLER leads to each catch in order (up to the first that catches every error) and,
 *     when no catch catches everything, on to the finally body or the enclosing handler. The finally
 *     body appears twice: after normal completion (then the step after the try), and on the way
 *     out of an error not handled (then the enclosing handler or the failure exit).</li>
 * <li>{@code fail}, a rejected approval, an approval or signal timeout that fails: an abrupt edge to
 *     the innermost handler or to the failure exit; nothing after a {@code fail} in its body is
 *     reachable.</li>
 * <li>approval gates go on ({@code approved}) only when approved; with {@code on_timeout approve}
 *     a {@code timeout} edge goes on as well, which is why such a gate is no safety gate.</li>
 * <li>{@code await signal} with {@code on_timeout continue}: a {@code timeout} edge goes on (the
 *     bound value is null).</li>
 * </ul>
 * Outside any try, the errors a step may raise fail the run; those edges are not drawn.
 */
public final class ControlFlowGraph {

    private final AgentDefinition definition;
    private final List<FlowNode> nodes;
    private final List<FlowEdge> edges;
    private final List<List<FlowEdge>> outgoing;
    private final List<List<FlowEdge>> incoming;
    private final FlowNode entry;
    private final FlowNode exit;
    private final FlowNode failure;
    private final Map<Object, List<FlowNode>> byElement;

    ControlFlowGraph(AgentDefinition definition, List<FlowNode> nodes, List<FlowEdge> edges, FlowNode entry,
                     FlowNode exit, FlowNode failure, Map<Object, List<FlowNode>> byElement) {
        this.definition = definition;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.entry = entry;
        this.exit = exit;
        this.failure = failure;
        this.byElement = byElement;
        this.outgoing = new ArrayList<>(nodes.size());
        this.incoming = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            outgoing.add(new ArrayList<>(2));
            incoming.add(new ArrayList<>(2));
        }
        for (FlowEdge e : edges) {
            outgoing.get(e.from().id()).add(e);
            incoming.get(e.to().id()).add(e);
        }
    }

    /** The graph of a plan whose tools are of the built-in kinds. */
    public static ControlFlowGraph build(AgentDefinition definition) {
        return build(definition, BuiltinToolKinds.all().values());
    }

    /** The graph of a plan; the tool kinds tell which calls are irreversible or need approval. */
    public static ControlFlowGraph build(AgentDefinition definition, Collection<ToolKind> kinds) {
        return new FlowGraphBuilder(definition, kinds).build();
    }

    public AgentDefinition definition() {
        return definition;
    }

    /** Every node; a node's {@link FlowNode#id()} is its index here. */
    public List<FlowNode> nodes() {
        return nodes;
    }

    public List<FlowEdge> edges() {
        return edges;
    }

    public FlowNode entry() {
        return entry;
    }

    public FlowNode exit() {
        return exit;
    }

    public FlowNode failure() {
        return failure;
    }

    public List<FlowEdge> outgoing(FlowNode node) {
        return Collections.unmodifiableList(outgoing.get(node.id()));
    }

    public List<FlowEdge> incoming(FlowNode node) {
        return Collections.unmodifiableList(incoming.get(node.id()));
    }

    /**
     * The nodes that stand for a model element, compared by identity: a Step gives its statement
     * node(s) (two for a step in a finally body), a Branch its condition node(s), a Catch its
     * CATCH node(s); the JOIN of a parallel step comes from {@link #joinsOf} or {@link FlowNode#join()}.
     */
    public List<FlowNode> nodesOf(Object element) {
        List<FlowNode> found = byElement.get(element);
        return found == null ? List.of() : Collections.unmodifiableList(found);
    }

    /** The JOIN node(s) of a parallel step. */
    public List<FlowNode> joinsOf(Step.ParallelStep step) {
        List<FlowNode> out = new ArrayList<>();
        for (FlowNode fork : nodesOf(step)) {
            out.add(fork.join());
        }
        return out;
    }

    static Map<Object, List<FlowNode>> identityMap() {
        return new IdentityHashMap<>();
    }
}
