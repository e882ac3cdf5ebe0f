package dev.agentplan.validate.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mermaid and DOT drawings: every node and edge drawn once, gates and risky calls marked, text escaped. */
class FlowRendererTest {

    static Stream<Path> definitions() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("definitions"))) {
            return files.filter(p -> p.toString().endsWith(".agent")).sorted().toList().stream();
        }
    }

    static ControlFlowGraph graphOf(Path file) throws IOException {
        ParseResult r = PlanText.parse(file.getFileName().toString(), Files.readString(file));
        return ControlFlowGraph.build(r.definition());
    }

    @Test
    void theTriagePlanShowsItsBranchesGateAndRiskyRestart() throws IOException {
        ControlFlowGraph g = graphOf(Path.of("definitions/incident_triage.agent"));
        String m = FlowRenderer.mermaid(g);
        assertTrue(m.startsWith("flowchart TD\n"));
        FlowNode gate = g.nodes().stream().filter(n -> n.kind() == NodeKind.APPROVE).findFirst().orElseThrow();
        FlowNode restart = g.nodes().stream().filter(n -> n.kind() == NodeKind.CALL && n.needsApproval())
                .findFirst().orElseThrow();
        assertTrue(m.contains("  n" + gate.id() + "{{\"2/then/2: approve restart_ok\"}}"), m);
        assertTrue(m.contains("  n" + restart.id() + "[\"2/then/3: ⚠ restarted = restart(argv)\"]"), m);
        assertTrue(m.contains("class n" + restart.id() + " danger"), m);
        assertTrue(m.contains("class n" + gate.id() + " gate"), m);
        assertTrue(m.contains("-->|then|") && m.contains("-->|else|") && m.contains("-->|approved|"), m);
        assertTrue(m.contains("-.->|rejected|"), m);
        assertTrue(m.contains("{\"2: if evidence.body.severity == #quot;high#quot;\"}"), m);

        String d = FlowRenderer.dot(g);
        assertTrue(d.startsWith("digraph \"incident_triage\" {"), d);
        assertTrue(d.contains("n" + gate.id() + " [label=\"2/then/2: approve restart_ok\", shape=hexagon"), d);
        assertTrue(d.contains("n" + restart.id() + " [label=\"2/then/3: ⚠ restarted = restart(argv)\""), d);
        assertTrue(d.contains("label=\"2: if evidence.body.severity == \\\"high\\\"\""), d);
    }

    @Test
    void lanesAndTryBodiesAreBoxesAndTheirErrorsOneEdge() {
        ParseResult r = PlanText.parse("p.agent", "agent p\ntools { t = http { timeout 1s } }\n"
                + "x = parallel all { lane a { try { p = t(url: \"1\")\nq = t(url: \"2\") } catch { set p = null } } lane b { } }\n"
                + "approve self { ask \"?\"  timeout 1h  on_timeout approve }\n"
                + "for each i in [1, 2] { set z = i }\n");
        ControlFlowGraph g = ControlFlowGraph.build(r.definition());
        String m = FlowRenderer.mermaid(g);
        assertTrue(m.contains("subgraph r0 [\"lane a\"]"), m);
        assertTrue(m.contains("subgraph r1 [\"try\"]"), m);
        FlowNode handler = g.nodes().stream().filter(n -> n.kind() == NodeKind.HANDLER).findFirst().orElseThrow();
        assertEquals(1, count(m, "-.->|error| n" + handler.id()), "one error edge from the try box:\n" + m);
        assertTrue(m.contains("r1 -.->|error| n" + handler.id()), m);
        assertTrue(m.contains("weakgate"), m);
        assertTrue(m.contains("-->|lane b|"), m);
        assertTrue(m.contains("-->|back|") && m.contains("-->|done|") && m.contains("-->|loop|"), m);
        assertEquals(count(m, "subgraph "), count(m, "\n  end\n") + count(m, "\n    end\n") + count(m, "\n      end\n"));

        String d = FlowRenderer.dot(g);
        assertTrue(d.contains("compound=true"), d);
        assertTrue(d.contains("ltail=cluster_r1"), d);
        assertBalanced(d);
    }

    @Test
    void labelsAreEscapedForEachFormat() {
        ParseResult r = PlanText.parse("p.agent", "agent p\nset a = \"x # y | \\\"q\\\" <b>\"\nif a == \"<\" { set b = 1 }\n");
        ControlFlowGraph g = ControlFlowGraph.build(r.definition());
        String m = FlowRenderer.mermaid(g);
        for (String line : m.split("\n")) {
            if (line.contains("[\"") || line.contains("{\"")) {
                String label = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                assertFalse(label.contains("\"") || label.contains("<") || label.contains(">") || label.contains("|"),
                        line);
            }
        }
        assertTrue(m.contains("#35;") && m.contains("#quot;") && m.contains("#lt;") && m.contains("#124;"), m);
        String d = FlowRenderer.dot(g);
        assertBalanced(d);
        assertTrue(d.contains("\\\"<\\\""), d);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void everyNodeAndEdgeOfEveryExampleIsDrawn(Path file) throws IOException {
        ControlFlowGraph g = graphOf(file);
        String m = FlowRenderer.mermaid(g);
        String d = FlowRenderer.dot(g);
        for (FlowNode n : g.nodes()) {
            assertTrue(Pattern.compile("(?m)^\\s+n" + n.id() + "[\\[({]").matcher(m).find(), "node " + n + " in\n" + m);
            assertTrue(Pattern.compile("(?m)^\\s+n" + n.id() + " \\[label=").matcher(d).find(), "node " + n + " in\n" + d);
        }
        for (FlowEdge e : g.edges()) {
            boolean drawn = m.contains("n" + e.from().id() + " -") && m.contains(" n" + e.to().id());
            assertTrue(drawn, "edge " + e + "\n" + m);
        }
        assertBalanced(d);
    }

    private static void assertBalanced(String dot) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < dot.length(); i++) {
            char c = dot.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (!inString && c == '{') {
                depth++;
            } else if (!inString && c == '}') {
                depth--;
                assertTrue(depth >= 0, dot);
            }
        }
        assertEquals(0, depth, dot);
        assertFalse(inString, dot);
    }

    private static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void durationsReadLikeThePlanLanguage() {
        assertEquals("1m30s", NodeLabels.duration(java.time.Duration.ofSeconds(90)));
        assertEquals("1d12h", NodeLabels.duration(java.time.Duration.ofHours(36)));
        assertEquals("0s", NodeLabels.duration(java.time.Duration.ZERO));
        assertEquals("1s500ms", NodeLabels.duration(java.time.Duration.ofMillis(1500)));
        assertEquals(List.of(), List.of());
    }
}
