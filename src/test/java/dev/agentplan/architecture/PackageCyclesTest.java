package dev.agentplan.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The product's packages form layers: no package may (transitively) use one that uses it. */
class PackageCyclesTest {

    private static final String RUNTIME = "dev.agentplan.runtime";

    /**
     * Cycles outside runtime that are known and not yet broken, each exactly as reported (its
     * packages, sorted). Empty now; never add one that touches runtime.
     */
    private static final List<Set<String>> ALLOWED = List.of();

    @Test
    void noPackageCycleInTheProductSources() {
        PackageGraph graph = PackageGraph.scan(Path.of("src/main/java"), Path.of("src/bench/java"));
        // the scan must see the code base, or "no cycle" would say nothing
        assertTrue(graph.packages().size() > 20, "packages found: " + graph.packages());
        assertTrue(graph.uses("dev.agentplan.runtime.tools.builtin").contains("dev.agentplan.runtime.tools"));

        List<String> forbidden = new ArrayList<>();
        for (Set<String> cycle : graph.cycles()) {
            boolean touchesRuntime = cycle.stream().anyMatch(p -> p.equals(RUNTIME) || p.startsWith(RUNTIME + "."));
            if (touchesRuntime || !ALLOWED.contains(cycle)) {
                forbidden.add(graph.describe(cycle));
            } else {
                System.out.println("allowed package " + graph.describe(cycle));
            }
        }
        if (!forbidden.isEmpty()) {
            fail("package cycles (move the shared types down, or the user up):\n" + String.join("", forbidden));
        }
    }

    @Test
    void theWireContractDependsOnNoOtherAgentplanPackage() {
        PackageGraph graph = PackageGraph.scan(Path.of("src/main/java"));
        assertTrue(graph.packages().contains("dev.agentplan.runtime.api"));
        assertEquals(Set.of(), graph.uses("dev.agentplan.runtime.api"),
                "runtime.api is plain data that clients and the worker share");
    }

    @Test
    void findsACycleInATinyGraph() {
        PackageGraph graph = new PackageGraph();
        graph.addEdge("a", "b", "A.java");
        graph.addEdge("b", "c", "B.java");
        graph.addEdge("c", "a", "C.java");
        graph.addEdge("c", "d", "C.java");
        assertEquals(List.of(Set.of("a", "b", "c")), graph.cycles());
        String described = graph.describe(graph.cycles().get(0));
        assertTrue(described.contains("c -> a (C.java)"), described);
        assertFalse(described.contains("-> d"), described);
    }

    @Test
    void aLayeredGraphHasNoCycle() {
        PackageGraph graph = new PackageGraph();
        graph.addEdge("cli", "runtime", "Cli.java");
        graph.addEdge("runtime", "model", "Walker.java");
        graph.addEdge("cli", "model", "Cli.java");
        assertEquals(List.of(), graph.cycles());
    }

    @Test
    void readsImportsStaticImportsAndQualifiedNamesButNotCommentsOrStrings() {
        PackageGraph graph = new PackageGraph();
        graph.addSource("X.java", """
                package dev.agentplan.x;

                import dev.agentplan.a.Thing;
                import dev.agentplan.b.Outer.Inner;
                import static dev.agentplan.c.Helpers.help;
                /** See {@link dev.agentplan.d.Doc}. */
                class X {
                    Object y = new dev.agentplan.e.Made(); // dev.agentplan.f.Comment
                    String s = "dev.agentplan.g.Text";
                }
                """);
        assertEquals(Set.of("dev.agentplan.a", "dev.agentplan.b", "dev.agentplan.c", "dev.agentplan.e"),
                graph.uses("dev.agentplan.x"));
    }
}
