package dev.agentplan.cli;

import dev.agentplan.model.McpToolInfo;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.mcp.McpCache;
import dev.agentplan.runtime.tools.mcp.McpDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentplan tools list [--mcp FILE]}: the tool kinds of this worker, or the tools of a plan's MCP servers. */
@Command(name = "tools", mixinStandardHelpOptions = true, description = "Tool kinds and MCP servers' tools.",
        subcommands = {ToolsCommand.ListTools.class})
final class ToolsCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the tool kinds this worker has; with --mcp, start the MCP servers a plan declares,",
                "list their tools (arguments from each inputSchema, annotations) and cache them beside the plan",
                "(NAME.mcp-cache.json) for offline validation.",
                "Exit status: 0 listed, 1 a server could not be listed, 2 usage, 3 no such file."})
    static final class ListTools implements Callable<Integer> {

        @Option(names = "--mcp", paramLabel = "FILE", description = "A plan (.agent or .json) whose MCP servers to list.")
        Path mcp;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            if (mcp == null) {
                for (ToolKind k : Validators.forThisWorkerKinds()) {
                    out.println(k.name() + "  " + k.description());
                }
                out.flush();
                return ExitCode.OK;
            }
            if (!Files.isRegularFile(mcp)) {
                throw new CliException(ExitCode.NOT_FOUND, "no such file: " + mcp);
            }
            dev.agentplan.syntax.ParseResult parsed = dev.agentplan.syntax.json.PlanSources.read(mcp);
            if (parsed.hasErrors()) {
                throw new CliException(ExitCode.FAILED, mcp + " has errors: run `agentplan validate " + mcp + "`");
            }
            if (!McpDiscoveries.hasServers(parsed.definition())) {
                out.println(mcp + " declares no MCP server (`name = mcp { command [...] }` or `{ url \"...\" }`)");
                out.flush();
                return ExitCode.OK;
            }
            List<McpDiscovery.Found> found = McpDiscoveries.refresh(mcp, parsed.definition());
            boolean failed = false;
            for (McpDiscovery.Found f : found) {
                if (f.error() != null) {
                    spec.commandLine().getErr().println(f.server() + ": " + f.error());
                    failed = true;
                    continue;
                }
                out.println(f.server() + " (" + f.transport() + "): " + f.tools().size() + " tools");
                for (McpToolInfo t : f.tools().values()) {
                    out.println("  " + f.server() + "." + t.name() + "(" + arguments(t) + ")" + effect(t));
                    if (t.description() != null && !t.description().isBlank()) {
                        out.println("      " + firstLine(t.description()));
                    }
                }
            }
            if (found.stream().anyMatch(f -> f.error() == null)) {
                out.println("cached in " + McpCache.beside(mcp));
            }
            out.flush();
            spec.commandLine().getErr().flush();
            return failed ? ExitCode.FAILED : ExitCode.OK;
        }

        private static String arguments(McpToolInfo t) {
            StringBuilder b = new StringBuilder();
            for (String p : t.properties()) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append(p).append(t.required().contains(p) ? "" : "?");
            }
            return b.toString();
        }

        private static String effect(McpToolInfo t) {
            var e = t.annotationPolicy().effect();
            String idem = Boolean.TRUE.equals(t.annotationPolicy().idempotent()) ? ", idempotent" : "";
            return e == null ? (idem.isEmpty() ? "" : "  [" + idem.substring(2) + "]") : "  [" + e.keyword() + idem + "]";
        }

        private static String firstLine(String s) {
            String line = s.strip().split("\n", 2)[0];
            return line.length() > 100 ? line.substring(0, 97) + "…" : line;
        }
    }
}
