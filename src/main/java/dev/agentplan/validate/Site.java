package dev.agentplan.validate;

import dev.agentplan.validate.flow.FlowNode;
import java.util.List;

/**
 * Where an expression is evaluated, for resolving its names: the graph node(s) of its step (two
 * for a step in a finally body), whether it runs after the step completed (an {@code undo}
 * action), the loop and catch variables in scope, and the step's path.
 *
 * @param constantsOnly the expression must not refer to anything (an input's default)
 */
record Site(List<FlowNode> nodes, boolean afterNode, List<PlanFacts.ScopedName> scope, String path,
            boolean constantsOnly) {

    static Site before(List<FlowNode> nodes, List<PlanFacts.ScopedName> scope, String path) {
        return new Site(nodes, false, scope, path, false);
    }

    static Site after(List<FlowNode> nodes, List<PlanFacts.ScopedName> scope, String path) {
        return new Site(nodes, true, scope, path, false);
    }

    static Site constants() {
        return new Site(List.of(), false, List.of(), "", true);
    }

    boolean inScope(String name) {
        for (PlanFacts.ScopedName s : scope) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
