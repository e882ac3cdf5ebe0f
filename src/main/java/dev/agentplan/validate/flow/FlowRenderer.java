package dev.agentplan.validate.flow;

import dev.agentplan.model.Effect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link ControlFlowGraph} as Mermaid or Graphviz DOT text. Conditions and loop heads are
 * diamonds, approval gates hexagons (dashed when they approve themselves on timeout), calls that
 * are irreversible or need approval are marked {@value NodeLabels#DANGER}and red, and try bodies,
 * catches and parallel lanes are boxes. The errors any step of a try body may raise are drawn as
 * one dashed edge from the body's box.
 */
public final class FlowRenderer {

    private FlowRenderer() {
    }

    // ---- Mermaid ----

    public static String mermaid(ControlFlowGraph graph) {
        FlowRegions regions = new FlowRegions(graph);
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (FlowNode n : regions.topNodes) {
            out.append("  ").append(mermaidNode(n)).append('\n');
        }
        for (FlowRegions.Region r : regions.topRegions) {
            mermaidRegion(r, "  ", out);
        }
        Set<String> collapsed = new LinkedHashSet<>();
        for (FlowEdge e : graph.edges()) {
            FlowRegions.Region from = regions.errorSource(e);
            if (from != null) {
                collapsed.add("r" + from.index + " -.->|error| n" + e.to().id());
                continue;
            }
            String arrow = e.abrupt() || e.label() == EdgeLabel.ERROR ? "-.->" : "-->";
            String label = edgeText(e);
            out.append("  n").append(e.from().id()).append(' ').append(arrow)
                    .append(label.isEmpty() ? "" : "|" + mermaidText(label) + "|")
                    .append(" n").append(e.to().id()).append('\n');
        }
        for (String c : collapsed) {
            out.append("  ").append(c).append('\n');
        }
        out.append("  classDef danger fill:#fde2e2,stroke:#c0392b,stroke-width:3px,color:#7b241c\n");
        out.append("  classDef write fill:#eaf2fb,stroke:#2e86c1\n");
        out.append("  classDef gate fill:#fff3cd,stroke:#b7950b,stroke-width:3px\n");
        out.append("  classDef weakgate fill:#fff3cd,stroke:#b7950b,stroke-dasharray:5 3\n");
        out.append("  classDef failure fill:#f5b7b1,stroke:#922b21\n");
        out.append("  classDef errorpath stroke-dasharray:5 3\n");
        for (Map.Entry<String, List<String>> c : classes(graph).entrySet()) {
            out.append("  class ").append(String.join(",", c.getValue())).append(' ').append(c.getKey()).append('\n');
        }
        return out.toString();
    }

    private static void mermaidRegion(FlowRegions.Region r, String indent, StringBuilder out) {
        out.append(indent).append("subgraph r").append(r.index).append(" [\"").append(mermaidText(r.title))
                .append("\"]\n");
        for (FlowNode n : r.nodes) {
            out.append(indent).append("  ").append(mermaidNode(n)).append('\n');
        }
        for (FlowRegions.Region child : r.children) {
            mermaidRegion(child, indent + "  ", out);
        }
        out.append(indent).append("end\n");
    }

    private static String mermaidNode(FlowNode n) {
        String text = "\"" + mermaidText(nodeText(n)) + "\"";
        String id = "n" + n.id();
        return switch (n.kind()) {
            case ENTRY, EXIT, FAILURE -> id + "([" + text + "])";
            case IF, ELSE_IF, FOR_EACH, WHILE -> id + "{" + text + "}";
            case APPROVE -> id + "{{" + text + "}}";
            case FORK -> id + "[/" + text + "\\]";
            case JOIN -> id + "[\\" + text + "/]";
            case TRY, HANDLER, CATCH, FINALLY, HANDLE -> id + "(" + text + ")";
            default -> id + "[" + text + "]";
        };
    }

    /** Text inside a quoted Mermaid label: quotes, angle brackets and '#' become entity codes. */
    static String mermaidText(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '#' -> out.append("#35;");
                case '"' -> out.append("#quot;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '|' -> out.append("#124;");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    // ---- DOT ----

    public static String dot(ControlFlowGraph graph) {
        FlowRegions regions = new FlowRegions(graph);
        StringBuilder out = new StringBuilder();
        out.append("digraph \"").append(dotText(graph.definition().name() == null ? "plan" : graph.definition().name()))
                .append("\" {\n");
        out.append("  rankdir=TB;\n  compound=true;\n");
        out.append("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (FlowNode n : regions.topNodes) {
            out.append("  ").append(dotNode(n)).append('\n');
        }
        for (FlowRegions.Region r : regions.topRegions) {
            dotRegion(r, "  ", out);
        }
        Set<String> collapsed = new LinkedHashSet<>();
        for (FlowEdge e : graph.edges()) {
            FlowRegions.Region from = regions.errorSource(e);
            FlowNode inside = from == null ? null : from.anyNode();
            if (inside != null) {
                collapsed.add("n" + inside.id() + " -> n" + e.to().id() + " [ltail=cluster_r" + from.index
                        + ", style=dashed, label=\"error\"];");
                continue;
            }
            List<String> attrs = new ArrayList<>();
            String label = edgeText(e);
            if (!label.isEmpty()) {
                attrs.add("label=\"" + dotText(label) + "\"");
            }
            if (e.abrupt() || e.label() == EdgeLabel.ERROR) {
                attrs.add("style=dashed");
            }
            if (e.label() == EdgeLabel.REJECTED || e.label() == EdgeLabel.FAIL) {
                attrs.add("color=\"#922b21\"");
            }
            out.append("  n").append(e.from().id()).append(" -> n").append(e.to().id())
                    .append(attrs.isEmpty() ? "" : " [" + String.join(", ", attrs) + "]").append(";\n");
        }
        for (String c : collapsed) {
            out.append("  ").append(c).append('\n');
        }
        out.append("}\n");
        return out.toString();
    }

    private static void dotRegion(FlowRegions.Region r, String indent, StringBuilder out) {
        out.append(indent).append("subgraph cluster_r").append(r.index).append(" {\n");
        out.append(indent).append("  label=\"").append(dotText(r.title)).append("\";\n");
        out.append(indent).append("  style=dashed;\n");
        for (FlowNode n : r.nodes) {
            out.append(indent).append("  ").append(dotNode(n)).append('\n');
        }
        for (FlowRegions.Region child : r.children) {
            dotRegion(child, indent + "  ", out);
        }
        out.append(indent).append("}\n");
    }

    private static String dotNode(FlowNode n) {
        List<String> attrs = new ArrayList<>();
        attrs.add("label=\"" + dotText(nodeText(n)) + "\"");
        switch (n.kind()) {
            case ENTRY, EXIT -> attrs.add("shape=oval");
            case FAILURE -> {
                attrs.add("shape=octagon");
                attrs.add("fillcolor=\"#f5b7b1\"");
            }
            case IF, ELSE_IF, FOR_EACH, WHILE -> attrs.add("shape=diamond");
            case APPROVE -> {
                attrs.add("shape=hexagon");
                attrs.add("fillcolor=\"#fff3cd\"");
                attrs.add(n.isSafetyGate() ? "penwidth=3" : "style=\"filled,dashed\"");
            }
            case FORK -> attrs.add("shape=trapezium");
            case JOIN -> attrs.add("shape=invtrapezium");
            case TRY, HANDLER, CATCH, FINALLY, HANDLE -> attrs.add("shape=ellipse");
            default -> {
                if (NodeLabels.isDangerous(n)) {
                    attrs.add("color=\"#c0392b\"");
                    attrs.add("fillcolor=\"#fde2e2\"");
                    attrs.add("penwidth=3");
                } else if (n.effect() == Effect.WRITE) {
                    attrs.add("fillcolor=\"#eaf2fb\"");
                }
            }
        }
        if (n.onErrorPath() && n.kind() != NodeKind.APPROVE) {
            attrs.add("style=\"rounded,filled,dashed\"");
        }
        return "n" + n.id() + " [" + String.join(", ", attrs) + "];";
    }

    static String dotText(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", "\\n");
    }

    // ---- shared ----

    /** A node's label, prefixed with its step path when it has one. */
    private static String nodeText(FlowNode n) {
        String label = NodeLabels.of(n);
        boolean numbered = n.kind().isStatement() || n.kind() == NodeKind.ELSE_IF;
        return numbered && !n.path().isEmpty() ? n.path() + ": " + label : label;
    }

    private static String edgeText(FlowEdge e) {
        if (e.label() == EdgeLabel.LANE && e.lane() != null) {
            return "lane " + e.lane();
        }
        return e.label().text;
    }

    private static Map<String, List<String>> classes(ControlFlowGraph graph) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (FlowNode n : graph.nodes()) {
            String c = null;
            if (NodeLabels.isDangerous(n)) {
                c = "danger";
            } else if (n.kind() == NodeKind.APPROVE) {
                c = n.isSafetyGate() ? "gate" : "weakgate";
            } else if (n.kind() == NodeKind.FAILURE || n.kind() == NodeKind.FAIL) {
                c = "failure";
            } else if (n.kind() == NodeKind.CALL && n.effect() == Effect.WRITE) {
                c = "write";
            } else if (n.onErrorPath()) {
                c = "errorpath";
            }
            if (c != null) {
                out.computeIfAbsent(c, k -> new ArrayList<>()).add("n" + n.id());
            }
        }
        return out;
    }
}
