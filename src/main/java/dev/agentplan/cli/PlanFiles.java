package dev.agentplan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line arguments into plan files: a directory stands for the plans inside it. */
final class PlanFiles {

    private PlanFiles() {
    }

    static List<Path> expand(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path p : arguments) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(PlanFiles::isPlanFile).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new CliException(ExitCode.ERROR, "cannot list " + p + ": " + e.getMessage());
                }
            } else if (!isTestFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean isPlanFile(Path p) {
        String n = p.getFileName().toString();
        return (n.endsWith(".agent") || n.endsWith(".json")) && !isTestFile(p)
                && !n.endsWith(dev.agentplan.runtime.tools.mcp.McpCache.SUFFIX); // MCP discovery's cache, not a plan
    }

    /** {@code NAME.test.json} holds the plan's tests ({@code agentplan test}), not a plan. */
    static boolean isTestFile(Path p) {
        return p.getFileName().toString().endsWith(".test.json");
    }
}
