package dev.agentplan.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which dev.agentplan package uses which, read from the sources: import lines (static ones too)
 * and fully qualified names in code. Comments and string literals are skipped, so a javadoc link
 * or a class name in a message is not a dependency.
 */
final class PackageGraph {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified name up to its first capitalised segment: the part before it is the package. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.agentplan(?:\\.[a-z_][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    /** from package -> to package -> the files of {@code from} that make the edge. */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    static PackageGraph scan(Path... sourceRoots) {
        PackageGraph graph = new PackageGraph();
        for (Path root : sourceRoots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    graph.addSource(root.relativize(file).toString(), Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return graph;
    }

    void addSource(String fileName, String source) {
        String code = COMMENT_OR_STRING.matcher(source).replaceAll(" ");
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find()) {
            return;
        }
        String from = pkg.group(1);
        edges.computeIfAbsent(from, k -> new TreeMap<>());
        Matcher ref = REFERENCE.matcher(code);
        while (ref.find()) {
            String to = ref.group(1);
            if (!to.equals(from)) {
                addEdge(from, to, fileName);
            }
        }
    }

    void addEdge(String from, String to, String fileName) {
        edges.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>()).add(fileName);
        edges.computeIfAbsent(to, k -> new TreeMap<>());
    }

    Set<String> packages() {
        return edges.keySet();
    }

    Set<String> uses(String from) {
        return edges.getOrDefault(from, Map.of()).keySet();
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    List<Set<String>> cycles() {
        Tarjan tarjan = new Tarjan();
        for (String p : edges.keySet()) {
            if (!tarjan.index.containsKey(p)) {
                tarjan.visit(p);
            }
        }
        return tarjan.components;
    }

    /** The edges inside one cycle, with the files that make them: what to look at to break it. */
    String describe(Set<String> cycle) {
        StringBuilder out = new StringBuilder("cycle " + cycle + ":\n");
        for (String from : cycle) {
            for (Map.Entry<String, Set<String>> to : edges.get(from).entrySet()) {
                if (cycle.contains(to.getKey())) {
                    out.append("  ").append(from).append(" -> ").append(to.getKey())
                            .append(" (").append(String.join(", ", to.getValue())).append(")\n");
                }
            }
        }
        return out.toString();
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new HashSet<>();
        final List<Set<String>> components = new ArrayList<>();

        // recursion depth is bounded by the number of packages (a few dozen)
        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : uses(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }
}
