package dev.agentplan.validate;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.validate.flow.ControlFlowGraph;
import dev.agentplan.validate.flow.Dataflow;
import dev.agentplan.validate.flow.DefinedNames;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.NameSet;
import dev.agentplan.validate.flow.Reachability;
import dev.agentplan.validate.flow.SafetyGates;
import dev.agentplan.validate.flow.ToolFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every check needs to know about one plan: its tools, its graph and the flow analyses' results. */
final class PlanFacts {

    /** A step that binds a name, with its path. */
    record Binder(String path, Step step) {
    }

    /**
     * A loop or catch variable.
     *
     * @param body the path prefix of the body it exists in ({@code 4/body}, {@code 6/catch1})
     * @param declared where the loop or catch clause is
     */
    record ScopedName(String name, String body, boolean loop, SourceSpan declared) {
    }

    /** More statements than one run's history could hold; beyond this the flow checks are not run. */
    static final int MAX_STATEMENTS = 10_000;
    /** Graph nodes (finally bodies count twice) beyond which the flow analyses are not run. */
    static final int MAX_GRAPH_NODES = 50_000;

    final AgentDefinition definition;
    final Map<String, ToolKind> kinds;
    final ControlFlowGraph graph;
    /** The first declaration of each tool name. */
    final Map<String, ToolFacts> tools = new LinkedHashMap<>();
    /** Every step binding each name (results, variables, approvals, parallel steps), in source order. */
    final Map<String, List<Binder>> binders = new LinkedHashMap<>();
    /** Every loop and catch variable, by name. */
    final Map<String, List<ScopedName>> scoped = new LinkedHashMap<>();
    /** Every step by its path. */
    final Map<String, Step> byPath = new LinkedHashMap<>();
    /** Statements in the plan, nested ones included. */
    final int statements;
    /** Whether the plan is small enough for the flow analyses (else they are null and flow checks are skipped). */
    final boolean analysed;
    final Dataflow.Result<Boolean> reachable;
    final Dataflow.Result<NameSet> defined;
    final Dataflow.Result<Boolean> gated;

    PlanFacts(AgentDefinition definition, Map<String, ToolKind> kinds) {
        this.definition = definition;
        this.kinds = kinds;
        this.graph = ControlFlowGraph.build(definition, kinds.values());
        for (ToolDecl t : definition.tools()) {
            tools.putIfAbsent(t.name(), ToolFacts.of(definition, t, kinds.get(t.kind())));
        }
        StepPaths.walk(definition.steps(), "", (path, step) -> {
            if (step.binding() != null) {
                binders.computeIfAbsent(step.binding(), k -> new ArrayList<>()).add(new Binder(path, step));
            }
            if (step instanceof Step.ForEachStep f) {
                scoped.computeIfAbsent(f.variable(), k -> new ArrayList<>())
                        .add(new ScopedName(f.variable(), StepPaths.body(path, BodyNames.BODY), true, f.span()));
            }
            if (step instanceof Step.TryStep t) {
                for (int i = 0; i < t.catches().size(); i++) {
                    Step.Catch c = t.catches().get(i);
                    if (c.variable() != null) {
                        scoped.computeIfAbsent(c.variable(), k -> new ArrayList<>()).add(new ScopedName(c.variable(),
                                StepPaths.body(path, BodyNames.catchClause(i)), false, c.span()));
                    }
                }
            }
            byPath.put(path, step);
        });
        this.statements = byPath.size();
        this.analysed = statements <= MAX_STATEMENTS && graph.nodes().size() <= MAX_GRAPH_NODES;
        this.reachable = analysed ? Reachability.of(graph) : null;
        this.defined = analysed ? DefinedNames.of(graph) : null;
        this.gated = analysed ? SafetyGates.of(graph) : null;
    }

    /** Whether some run gets to any node of this element (a step, branch or catch). */
    boolean isReachable(Object element) {
        for (FlowNode n : graph.nodesOf(element)) {
            if (reachable.in(n) != null) {
                return true;
            }
        }
        return false;
    }

    /** A declared tool, or a tool of a declared MCP server ({@code fs.read_file}). */
    ToolFacts tool(String name) {
        ToolFacts known = tools.get(name);
        if (known == null && name != null && name.indexOf('.') > 0) {
            ToolDecl mcpTool = definition.tool(name);
            if (mcpTool != null && mcpTool.mcpTool() != null) {
                known = ToolFacts.of(definition, mcpTool, kinds.get(mcpTool.kind()));
                tools.put(name, known);
            }
        }
        return known;
    }
}
