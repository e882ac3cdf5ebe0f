package dev.agentplan.console;

import dev.agentplan.validate.flow.ControlFlowGraph;
import dev.agentplan.validate.flow.EdgeLabel;
import dev.agentplan.validate.flow.FlowEdge;
import dev.agentplan.validate.flow.FlowNode;
import dev.agentplan.validate.flow.NodeKind;
import dev.agentplan.validate.flow.NodeLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's control-flow graph (the one {@code agentplan graph} prints as Mermaid or DOT) drawn as
 * inline SVG on the server, so the page needs no graph library: nodes in layers by their longest
 * distance from the start (loop back edges ignored), each layer centred. Every node is a
 * {@code <g class="node KIND MARK" data-path="…">}, MARK being done, current or failed for a run.
 */
final class GraphSvg {

    private static final int H = 34;
    private static final int GAP_X = 24;
    private static final int GAP_Y = 46;
    private static final int MARGIN = 20;
    private static final int MAX_CHARS = 46;

    private GraphSvg() {
    }

    static String render(ControlFlowGraph graph, Map<String, String> marks) {
        List<FlowNode> nodes = graph.nodes();
        Map<FlowNode, Integer> rank = ranks(graph);
        int maxRank = rank.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<List<FlowNode>> layers = new ArrayList<>();
        for (int i = 0; i <= maxRank; i++) {
            layers.add(new ArrayList<>());
        }
        for (FlowNode n : nodes) {
            layers.get(rank.get(n)).add(n);
        }
        Map<FlowNode, int[]> box = new HashMap<>(); // x, y, width
        int width = 0;
        for (List<FlowNode> layer : layers) {
            int w = -GAP_X;
            for (FlowNode n : layer) {
                w += GAP_X + nodeWidth(n);
            }
            width = Math.max(width, w);
        }
        width += 2 * MARGIN + 60; // room for loop edges on the right
        for (int r = 0; r < layers.size(); r++) {
            List<FlowNode> layer = layers.get(r);
            int w = -GAP_X;
            for (FlowNode n : layer) {
                w += GAP_X + nodeWidth(n);
            }
            int x = (width - 60 - w) / 2;
            for (FlowNode n : layer) {
                box.put(n, new int[] {x, MARGIN + r * (H + GAP_Y), nodeWidth(n)});
                x += nodeWidth(n) + GAP_X;
            }
        }
        int height = MARGIN * 2 + layers.size() * (H + GAP_Y) - GAP_Y;
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" class=\"arrowhead\"/></marker></defs>");
        for (FlowEdge e : graph.edges()) {
            edge(out, e, box.get(e.from()), box.get(e.to()), width);
        }
        for (FlowNode n : nodes) {
            node(out, n, box.get(n), mark(n, marks));
        }
        out.append("</svg>");
        return out.toString();
    }

    private static String mark(FlowNode n, Map<String, String> marks) {
        return switch (n.kind()) {
            case ENTRY -> marks.get("@entry");
            case EXIT -> marks.get("@exit");
            case FAILURE -> marks.get("@failure");
            default -> n.kind().isStatement() && !n.path().isEmpty() ? marks.get(n.path()) : null;
        };
    }

    /** Longest path from the entry over forward edges; nodes not reached go below the rest. */
    private static Map<FlowNode, Integer> ranks(ControlFlowGraph graph) {
        Map<FlowNode, Integer> indegree = new HashMap<>();
        Map<FlowNode, Integer> rank = new HashMap<>();
        for (FlowNode n : graph.nodes()) {
            indegree.put(n, 0);
            rank.put(n, 0);
        }
        for (FlowEdge e : graph.edges()) {
            if (!e.back() && e.from() != e.to()) {
                indegree.merge(e.to(), 1, Integer::sum);
            }
        }
        List<FlowNode> ready = new ArrayList<>();
        for (FlowNode n : graph.nodes()) {
            if (indegree.get(n) == 0) {
                ready.add(n);
            }
        }
        int done = 0;
        while (!ready.isEmpty()) {
            FlowNode n = ready.remove(0);
            done++;
            for (FlowEdge e : graph.outgoing(n)) {
                if (e.back() || e.from() == e.to()) {
                    continue;
                }
                rank.merge(e.to(), rank.get(n) + 1, Math::max);
                if (indegree.merge(e.to(), -1, Integer::sum) == 0) {
                    ready.add(e.to());
                }
            }
        }
        if (done < graph.nodes().size()) { // a cycle the builder did not mark as a back edge: plain order
            for (int i = 0; i < graph.nodes().size(); i++) {
                rank.put(graph.nodes().get(i), i);
            }
        }
        return rank;
    }

    private static String text(FlowNode n) {
        String label = NodeLabels.of(n);
        boolean numbered = n.kind().isStatement() || n.kind() == NodeKind.ELSE_IF;
        return numbered && !n.path().isEmpty() ? n.path() + ": " + label : label;
    }

    private static int nodeWidth(FlowNode n) {
        int chars = Math.min(MAX_CHARS, text(n).length());
        return Math.max(90, chars * 7 + 26);
    }

    private static void node(StringBuilder out, FlowNode n, int[] b, String mark) {
        String label = text(n);
        String shown = label.length() > MAX_CHARS ? label.substring(0, MAX_CHARS - 1) + "…" : label;
        StringBuilder cls = new StringBuilder("node ").append(n.kind().name().toLowerCase());
        if (NodeLabels.isDangerous(n)) {
            cls.append(" danger");
        }
        if (mark != null) {
            cls.append(' ').append(mark);
        }
        out.append("<g class=\"").append(cls).append("\" data-path=\"").append(Html.esc(n.path())).append("\"")
                .append(mark == null ? "" : " data-mark=\"" + mark + "\"").append("><title>").append(Html.esc(label))
                .append(mark == null ? "" : " (" + mark + ")").append("</title>");
        int x = b[0];
        int y = b[1];
        int w = b[2];
        int rx = switch (n.kind()) {
            case ENTRY, EXIT, FAILURE -> H / 2;
            case IF, ELSE_IF, FOR_EACH, WHILE, APPROVE -> 2;
            default -> 7;
        };
        out.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"")
                .append(H).append("\" rx=\"").append(rx).append("\"/>");
        out.append("<text x=\"").append(x + w / 2).append("\" y=\"").append(y + H / 2 + 4).append("\">")
                .append(Html.esc(shown)).append("</text></g>");
    }

    private static void edge(StringBuilder out, FlowEdge e, int[] a, int[] b, int width) {
        if (a == null || b == null) {
            return;
        }
        String cls = "edge" + (e.abrupt() || e.label() == EdgeLabel.ERROR ? " abrupt" : "")
                + (e.label() == EdgeLabel.REJECTED || e.label() == EdgeLabel.FAIL ? " bad" : "");
        String label = e.label() == EdgeLabel.LANE && e.lane() != null ? "lane " + e.lane() : e.label().text;
        double x1 = a[0] + a[2] / 2.0;
        double y1 = a[1] + H;
        double x2 = b[0] + b[2] / 2.0;
        double y2 = b[1];
        String d;
        double lx;
        double ly;
        if (e.back() || y2 <= y1) { // a loop: out of the right side and back up along the right margin
            double right = width - 30;
            double sy = a[1] + H / 2.0;
            double ty = b[1] + H / 2.0;
            d = "M" + (a[0] + a[2]) + "," + sy + " C" + right + "," + sy + " " + right + "," + ty + " " + (b[0] + b[2]) + "," + ty;
            lx = right - 10;
            ly = (sy + ty) / 2;
        } else {
            double my = (y1 + y2) / 2;
            d = "M" + x1 + "," + y1 + " C" + x1 + "," + my + " " + x2 + "," + my + " " + x2 + "," + y2;
            lx = (x1 + x2) / 2 + 4;
            ly = my - 2;
        }
        out.append("<path class=\"").append(cls).append("\" d=\"").append(d).append("\" marker-end=\"url(#arrow)\"/>");
        if (!label.isEmpty()) {
            out.append("<text class=\"edge-label\" x=\"").append((int) lx).append("\" y=\"").append((int) ly).append("\">")
                    .append(Html.esc(label)).append("</text>");
        }
    }
}
