package dev.agentplan.validate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shape of the graph for each construct, and the flow analyses on it. */
class ControlFlowGraphTest {

    private static final String TOOLS = "tools { defaults { timeout 10s }  t = http  x = exec { effect irreversible } }\n";

    static AgentDefinition plan(String steps) {
        ParseResult r = PlanText.parse("t.agent", "agent t\n" + TOOLS + steps);
        assertNotNull(r.definition(), () -> r.diagnostics().stream().map(Diagnostic::headline)
                .collect(Collectors.joining("\n")));
        return r.definition();
    }

    static ControlFlowGraph graph(String steps) {
        return ControlFlowGraph.build(plan(steps));
    }

    /** The node of a step path (the normal copy), or of a structure node kind at that path. */
    static FlowNode node(ControlFlowGraph g, String path, NodeKind kind) {
        List<FlowNode> found = g.nodes().stream()
                .filter(n -> n.path().equals(path) && n.kind() == kind && !n.onErrorPath()).toList();
        assertEquals(1, found.size(), () -> "one " + kind + " at " + path + " in " + g.nodes());
        return found.get(0);
    }

    static FlowEdge edge(ControlFlowGraph g, FlowNode from, FlowNode to) {
        List<FlowEdge> found = g.outgoing(from).stream().filter(e -> e.to() == to).toList();
        assertEquals(1, found.size(), () -> "one edge " + from + " -> " + to + ", have " + g.outgoing(from));
        return found.get(0);
    }

    static Set<String> labels(ControlFlowGraph g, FlowNode from) {
        return g.outgoing(from).stream().map(e -> e.label().text + "->" + e.to().path()).collect(Collectors.toSet());
    }

    @Test
    void aSequenceRunsFromEntryToExit() {
        ControlFlowGraph g = graph("set a = 1\nset b = 2\n");
        FlowNode a = node(g, "1", NodeKind.SET);
        FlowNode b = node(g, "2", NodeKind.SET);
        assertEquals(EdgeLabel.NEXT, edge(g, g.entry(), a).label());
        edge(g, a, b);
        edge(g, b, g.exit());
        assertEquals(3, a.span().line());
        assertEquals(List.of(a), g.nodesOf(g.definition().steps().get(0)));
    }

    @Test
    void ifElseIfElseHasOneConditionPerBranch() {
        ControlFlowGraph g = graph("if true { set x = 1 } else if false { set x = 2 } else { set x = 3 }\nset y = x\n");
        FlowNode cond = node(g, "1", NodeKind.IF);
        FlowNode elif = node(g, "1/elif1", NodeKind.ELSE_IF);
        assertEquals(Set.of("then->1/then/1", "else->1/elif1"), labels(g, cond));
        assertEquals(Set.of("then->1/elif1/1", "else->1/else/1"), labels(g, elif));
        FlowNode after = node(g, "2", NodeKind.SET);
        for (String end : List.of("1/then/1", "1/elif1/1", "1/else/1")) {
            edge(g, node(g, end, NodeKind.SET), after);
        }
        assertNotNull(cond.branch());
        assertEquals(elif, g.nodesOf(((dev.agentplan.model.Step.IfStep) g.definition().steps().get(0))
                .branches().get(1)).get(0));
    }

    @Test
    void anIfWithoutElseFallsThroughOnFalse() {
        ControlFlowGraph g = graph("if true { set x = 1 }\nset y = 2\n");
        assertEquals(Set.of("then->1/then/1", "else->2"), labels(g, node(g, "1", NodeKind.IF)));
    }

    @Test
    void loopsRunTheirBodyZeroOrMoreTimes() {
        for (String loop : List.of("for each i in [1] { set a = i\nset b = 2 }", "while true max 3 { set a = 1\nset b = 2 }",
                "for each i in [1] parallel 4 { set a = i\nset b = 2 }")) {
            ControlFlowGraph g = graph(loop + "\nset c = 3\n");
            FlowNode head = g.nodes().stream().filter(n -> n.path().equals("1")).findFirst().orElseThrow();
            assertEquals(Set.of("loop->1/body/1", "done->2"), labels(g, head), loop);
            FlowEdge back = edge(g, node(g, "1/body/2", NodeKind.SET), head);
            assertEquals(EdgeLabel.BACK, back.label());
            assertTrue(back.back());
        }
    }

    @Test
    void parallelLanesForkAndJoin() {
        ControlFlowGraph g = graph("r = parallel first { lane a { set p = 1 } lane b { } lane c { set q = 1\nset s = 2 } }\n");
        FlowNode fork = node(g, "1", NodeKind.FORK);
        FlowNode join = node(g, "1", NodeKind.JOIN);
        assertEquals(join, fork.join());
        assertEquals(fork, join.fork());
        assertEquals(Set.of("lane->1/lane:a/1", "lane->1", "lane->1/lane:c/1"), labels(g, fork));
        assertEquals("b", edge(g, fork, join).lane());
        assertEquals("a", edge(g, node(g, "1/lane:a/1", NodeKind.SET), join).lane());
        assertEquals("c", edge(g, node(g, "1/lane:c/2", NodeKind.SET), join).lane());
        edge(g, join, g.exit());
    }

    @Test
    void everyStepOfATryBodyMayFailIntoTheHandler() {
        ControlFlowGraph g = graph("try { a = t(url: \"u\")\nif true { set b = 1 } } catch HttpError as e { set c = 1 }"
                + " catch { set d = 1 } catch Timeout { set f = 1 }\nset g = 1\n");
        FlowNode handler = node(g, "1", NodeKind.HANDLER);
        for (FlowNode n : List.of(node(g, "1/try/1", NodeKind.CALL), node(g, "1/try/2", NodeKind.IF),
                node(g, "1/try/2/then/1", NodeKind.SET))) {
            FlowEdge e = edge(g, n, handler);
            assertEquals(EdgeLabel.ERROR, e.label());
            assertTrue(e.abrupt(), "the state before the failed step flows into the catch");
        }
        // Catches in order, up to the first that catches everything; nothing leaves uncaught.
        assertEquals(Set.of("catch->1/catch1", "catch->1/catch2"), labels(g, handler));
        assertTrue(g.incoming(node(g, "1/catch3", NodeKind.CATCH)).isEmpty());
        FlowNode after = node(g, "2", NodeKind.SET);
        edge(g, node(g, "1/try/2/then/1", NodeKind.SET), after);
        edge(g, node(g, "1/catch1/1", NodeKind.SET), after);
    }

    @Test
    void finallyIsCopiedForTheErrorPath() {
        ControlFlowGraph g = graph("try { a = t(url: \"u\") } catch HttpError { set c = 1 } finally { set f = 1 }\n"
                + "set after = 1\n");
        List<FlowNode> copies = g.nodesOf(((dev.agentplan.model.Step.TryStep) g.definition().steps().get(0))
                .finallyBody().get(0));
        assertEquals(2, copies.size());
        FlowNode normal = copies.stream().filter(n -> !n.onErrorPath()).findFirst().orElseThrow();
        FlowNode onError = copies.stream().filter(FlowNode::onErrorPath).findFirst().orElseThrow();
        assertEquals("1/finally/1", normal.path());
        assertEquals("1/finally/1", onError.path());
        edge(g, normal, node(g, "2", NodeKind.SET));
        FlowEdge rethrow = edge(g, onError, g.failure());
        assertEquals(EdgeLabel.ERROR, rethrow.label());
        assertFalse(rethrow.abrupt(), "the error leaves with the state finally left");
        // An error no catch matches goes through the error copy of finally.
        FlowNode handler = node(g, "1", NodeKind.HANDLER);
        FlowNode errorFinally = g.nodes().stream()
                .filter(n -> n.kind() == NodeKind.FINALLY && n.onErrorPath()).findFirst().orElseThrow();
        assertEquals(EdgeLabel.FINALLY, edge(g, handler, errorFinally).label());
        // A failing catch body too.
        assertEquals(EdgeLabel.ERROR, edge(g, node(g, "1/catch1/1", NodeKind.SET), errorFinally).label());
    }

    @Test
    void errorsOfAnInnerCatchGoToTheOuterHandler() {
        ControlFlowGraph g = graph("try { try { a = t(url: \"u\") } catch { set c = 1 } } catch { set d = 1 }\n");
        FlowNode outer = node(g, "1", NodeKind.HANDLER);
        FlowNode inner = node(g, "1/try/1", NodeKind.HANDLER);
        edge(g, node(g, "1/try/1/try/1", NodeKind.CALL), inner);
        edge(g, node(g, "1/try/1/catch1/1", NodeKind.SET), outer);
    }

    @Test
    void failEndsItsBody() {
        ControlFlowGraph g = graph("if true { fail \"no\"\nset x = 1 }\nset y = 1\n");
        FlowNode fail = node(g, "1/then/1", NodeKind.FAIL);
        FlowEdge e = edge(g, fail, g.failure());
        assertEquals(EdgeLabel.FAIL, e.label());
        Dataflow.Result<Boolean> reach = Reachability.of(g);
        assertNull(reach.in(node(g, "1/then/2", NodeKind.SET)));
        assertNotNull(reach.in(node(g, "2", NodeKind.SET)));
    }

    @Test
    void approvalsGoOnOnlyWhenApproved() {
        ControlFlowGraph g = graph("approve a { ask \"?\"  timeout 1h }\napprove b { ask \"?\"  timeout 1h  on_timeout approve }\n"
                + "set z = 1\n");
        FlowNode a = node(g, "1", NodeKind.APPROVE);
        FlowNode b = node(g, "2", NodeKind.APPROVE);
        assertEquals(Set.of("approved->2", "rejected->", "timeout->"), labels(g, a));
        assertTrue(g.outgoing(a).stream().filter(e -> e.to() == g.failure()).allMatch(FlowEdge::abrupt));
        assertEquals(Set.of("approved->3", "rejected->", "timeout->3"), labels(g, b));
        assertTrue(a.isSafetyGate());
        assertFalse(b.isSafetyGate(), "a gate that approves itself on timeout is no safety gate");
    }

    @Test
    void signalsThatMayTimeOutContinueOrFail() {
        ControlFlowGraph g = graph("a = await signal \"s\" { timeout 1h  on_timeout continue }\n"
                + "b = await signal \"s\" { timeout 1h }\nset z = 1\n");
        assertEquals(Set.of("->2", "timeout->2"), labels(g, node(g, "1", NodeKind.AWAIT)));
        assertEquals(Set.of("->3", "timeout->"), labels(g, node(g, "2", NodeKind.AWAIT)));
    }

    @Test
    void callsAreMarkedWithTheirToolsRisk() {
        ControlFlowGraph g = graph("a = t(url: \"u\")\nb = x(argv: [\"ls\"])\n");
        assertFalse(node(g, "1", NodeKind.CALL).needsApproval());
        assertTrue(node(g, "2", NodeKind.CALL).needsApproval());
        assertEquals(dev.agentplan.model.Effect.IRREVERSIBLE, node(g, "2", NodeKind.CALL).effect());
    }

    @Test
    void definiteAssignmentNeedsABindingOnEveryPath() {
        ControlFlowGraph g = graph("if true { set a = 1\nset b = 1 } else { set a = 2 }\n"
                + "for each i in [1] { set c = 1 }\n"
                + "r = parallel all { lane l { set d = 1 } }\n");
        Set<String> atEnd = DefinedNames.of(g).in(g.exit()).names();
        assertEquals(Set.of("a", "r"), atEnd, "b is set on one branch, c in a loop, d only inside its lane");
    }

    @Test
    void theLanesOfParallelAllAllFinishSoAGateInAnyLaneCounts() {
        ControlFlowGraph all = graph("parallel all { lane a { approve g { ask \"?\"  timeout 1h } } lane b { } }\nset z = 1\n");
        ControlFlowGraph first = graph("parallel first { lane a { approve g { ask \"?\"  timeout 1h } } lane b { } }\n"
                + "set z = 1\n");
        assertTrue(SafetyGates.of(all).in(node(all, "2", NodeKind.SET)));
        assertFalse(SafetyGates.of(first).in(node(first, "2", NodeKind.SET)));
    }

    @Test
    void theCheapestRunAddsLanesOfAllAndTakesTheCheapestLaneOfFirst() {
        String lanes = " { lane a { p = t(url: \"1\")\nq = t(url: \"2\") } lane b { r = t(url: \"3\") } }\n";
        String loop = "for each i in [1] { s = t(url: \"4\") }\n";
        ToCount calls = n -> n.kind() == NodeKind.CALL ? 1 : 0;
        assertEquals(3L, MinimumCost.toExit(graph("parallel all" + lanes + loop), calls::of));
        assertEquals(1L, MinimumCost.toExit(graph("parallel first" + lanes + loop), calls::of));
    }

    @Test
    void witnessPathsNameTheBranchThatSkipsTheGate() {
        ControlFlowGraph g = graph("if 1 > 2 { approve g { ask \"?\"  timeout 1h } }\nb = x(argv: [\"ls\"])\n");
        Dataflow.Result<Boolean> gated = SafetyGates.of(g);
        FlowNode call = node(g, "2", NodeKind.CALL);
        List<FlowEdge> path = WitnessPath.find(g, gated, call, v -> !v);
        assertEquals(g.entry(), path.get(0).from());
        assertEquals(call, path.get(path.size() - 1).to());
        assertEquals("when `1 > 2` (line 3) is false", WitnessPath.when(g, path, FlowNode::isSafetyGate));
    }

    @Test
    void nestedFinallyBodiesStayBounded() {
        StringBuilder text = new StringBuilder();
        int depth = 40;
        for (int i = 0; i < depth; i++) {
            text.append("try { set a").append(i).append(" = 1 } finally { set f").append(i).append(" = 1\n");
        }
        text.append("set deepest = 1\n");
        text.append("}\n".repeat(depth));
        ControlFlowGraph g = graph(text.toString());
        assertTrue(g.nodes().size() < 20_000, "nodes: " + g.nodes().size());
        assertNotNull(Reachability.of(g).in(g.exit()));
    }

    private interface ToCount {
        long of(FlowNode n);
    }
}
