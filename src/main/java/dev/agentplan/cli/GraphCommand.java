package dev.agentplan.cli;

import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.validate.flow.ControlFlowGraph;
import dev.agentplan.validate.flow.FlowRenderer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan graph FILE --format mermaid|dot}: the plan's control flow as a picture. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print a plan's control flow as a Mermaid or Graphviz DOT graph: steps, branches, loops, "
            + "parallel lanes, approval gates, and tools that are irreversible or need approval marked.",
            "Paste Mermaid into a Markdown file; render DOT with: dot -Tsvg."})
final class GraphCommand implements Callable<Integer> {

    enum Format { mermaid, dot }

    @Parameters(index = "0", paramLabel = "FILE", description = "The plan (.agent or .json).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", description = "mermaid (default) or dot.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        ParseResult parsed = ParsedFile.readOrReport(file, term);
        if (parsed == null) {
            return ExitCode.FAILED;
        }
        ControlFlowGraph graph = ControlFlowGraph.build(parsed.definition(), BuiltinTools.withDiscoveredTools().kinds());
        term.out().print(format == Format.mermaid ? FlowRenderer.mermaid(graph) : FlowRenderer.dot(graph));
        term.out().flush();
        return ExitCode.OK;
    }
}
