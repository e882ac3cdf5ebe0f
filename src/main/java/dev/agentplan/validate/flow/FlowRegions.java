package dev.agentplan.validate.flow;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nested boxes a drawing groups nodes into: try bodies, catch bodies and parallel lanes. A
 * region is named by its body's path prefix ({@code 6/try}, {@code 6/catch1}, {@code 5/lane:fetch}).
 * Grouping lets a drawing show "any step of this try may fail" as one edge from the box.
 */
final class FlowRegions {

    /** How the path of a FINALLY node ends: {@code 6/finally}. */
    private static final String FINALLY_SUFFIX = StepPaths.body("", BodyNames.FINALLY);

    /** One box: its key, title, nodes directly inside and boxes nested in it. */
    static final class Region {
        final String key;
        final String title;
        final List<FlowNode> nodes = new ArrayList<>();
        final List<Region> children = new ArrayList<>();
        final int index;

        Region(String key, String title, int index) {
            this.key = key;
            this.title = title;
            this.index = index;
        }

        /** Some node inside the box or a box nested in it, or null for an empty box. */
        FlowNode anyNode() {
            if (!nodes.isEmpty()) {
                return nodes.get(0);
            }
            for (Region r : children) {
                FlowNode n = r.anyNode();
                if (n != null) {
                    return n;
                }
            }
            return null;
        }
    }

    final List<FlowNode> topNodes = new ArrayList<>();
    final List<Region> topRegions = new ArrayList<>();
    private final Map<String, Region> byKey = new LinkedHashMap<>();

    FlowRegions(ControlFlowGraph graph) {
        Map<String, String> titles = titles(graph);
        for (FlowNode n : graph.nodes()) {
            Region innermost = null;
            List<Region> parentList = topRegions;
            String[] segments = n.path().isEmpty() ? new String[0] : n.path().split("/");
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    key.append('/');
                }
                key.append(segments[i]);
                String title = titles.get(key.toString());
                if (CATCH_TITLE.equals(title) && i == segments.length - 1 && n.kind() != NodeKind.CATCH) {
                    // The CATCH node itself belongs in its box; other nodes named by its prefix are inside it.
                    title = null;
                }
                if (title == null) {
                    continue;
                }
                Region r = byKey.get(key.toString());
                if (r == null) {
                    r = new Region(key.toString(), title, byKey.size());
                    byKey.put(r.key, r);
                    parentList.add(r);
                }
                innermost = r;
                parentList = r.children;
            }
            if (innermost == null) {
                topNodes.add(n);
            } else {
                innermost.nodes.add(n);
            }
        }
    }

    Region region(String key) {
        return byKey.get(key);
    }

    /**
     * The box an implicit error edge can be drawn from instead: the try or catch body of the try
     * whose handler (or error finally) the edge goes to. Null when the edge is drawn as it is.
     */
    Region errorSource(FlowEdge e) {
        if (e.label() != EdgeLabel.ERROR || !e.abrupt()) {
            return null;
        }
        String owner;
        if (e.to().kind() == NodeKind.HANDLER) {
            owner = e.to().path();
        } else if (e.to().kind() == NodeKind.FINALLY && e.to().path().endsWith(FINALLY_SUFFIX)) {
            owner = e.to().path().substring(0, e.to().path().length() - FINALLY_SUFFIX.length());
        } else {
            return null;
        }
        String from = e.from().path();
        if (!from.startsWith(owner + "/")) {
            return null;
        }
        int end = from.indexOf('/', owner.length() + 1);
        String key = end < 0 ? from : from.substring(0, end);
        return byKey.get(key);
    }

    private static final String CATCH_TITLE = "catch";

    /**
     * The boxes of the plan, keyed by their body's path prefix: try bodies, catch bodies and lanes,
     * read from the try and parallel steps' own nodes.
     */
    private static Map<String, String> titles(ControlFlowGraph graph) {
        Map<String, String> titles = new HashMap<>();
        for (FlowNode n : graph.nodes()) {
            switch (n.kind()) {
                case TRY -> titles.put(StepPaths.body(n.path(), BodyNames.TRY), "try");
                case CATCH -> titles.put(n.path(), CATCH_TITLE);
                case FORK -> {
                    for (Step.Lane lane : ((Step.ParallelStep) n.step()).lanes()) {
                        titles.put(StepPaths.body(n.path(), BodyNames.lane(lane.name())), "lane " + lane.name());
                    }
                }
                default -> {
                }
            }
        }
        return titles;
    }
}
