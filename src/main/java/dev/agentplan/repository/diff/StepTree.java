package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every step of a plan with its address, its body and its place in execution (pre-) order. */
final class StepTree {

    /**
     * @param prefix the address of the body the step is in ("" for the top level, "3/then" nested)
     * @param index 0-based position in that body
     * @param parentPath the enclosing step's path, or null at the top level
     * @param bodyName the enclosing body's name ({@code then}, {@code lane:x}, …), or null at the top level
     * @param order position in source (pre-)order
     */
    record Node(String path, Step step, String prefix, int index, String parentPath, String bodyName, int order) {
    }

    final Map<String, Node> byPath = new LinkedHashMap<>();
    final Map<String, List<Node>> bodies = new LinkedHashMap<>();
    final List<Node> preOrder = new ArrayList<>();
    private final Map<String, Integer> subtreeEnd = new LinkedHashMap<>();

    StepTree(List<Step> steps) {
        add(steps, "", null, null);
    }

    private void add(List<Step> steps, String prefix, String parentPath, String bodyName) {
        List<Node> body = bodies.computeIfAbsent(prefix, k -> new ArrayList<>());
        for (int i = 0; i < steps.size(); i++) {
            String path = StepPaths.child(prefix, i);
            Node node = new Node(path, steps.get(i), prefix, i, parentPath, bodyName, preOrder.size());
            body.add(node);
            byPath.put(path, node);
            preOrder.add(node);
            Bodies.of(steps.get(i)).forEach((name, children) ->
                    add(children, StepPaths.body(path, name), path, name));
            subtreeEnd.put(path, preOrder.size());
        }
    }

    List<Node> body(String prefix) {
        return bodies.getOrDefault(prefix, List.of());
    }

    Node get(String path) {
        return byPath.get(path);
    }

    /** The step and everything nested in it, in pre-order (a contiguous run of {@link #preOrder}). */
    List<Node> subtree(Node root) {
        return preOrder.subList(root.order(), subtreeEnd.get(root.path()));
    }
}
