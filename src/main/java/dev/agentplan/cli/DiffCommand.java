package dev.agentplan.cli;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.repository.diff.DiffReport;
import dev.agentplan.repository.diff.PlanDiff;
import dev.agentplan.repository.diff.StepVerdict;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.syntax.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan diff A B}: a semantic diff of two plans (files or deployed versions). */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two plans by meaning, not text: steps, arguments, tool policies, approval gates, "
            + "budgets, inputs and outputs, with risks flagged and a verdict for in-flight runs.",
            "Each side is a file (.agent/.json) or a deployed version: NAME@VERSION, NAME@TAG or NAME (latest).",
            "Exit status: 0 when equal, 1 when different."})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The old side.")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "The new side.")
    String to;

    @Option(names = "--json", description = "Print the diff as JSON.")
    boolean json;

    @Option(names = "--at", paramLabel = "STEP", description = "Say whether a run of A paused at step path STEP (e.g. 2/then/3) can continue under B.")
    String pausedAt;

    @Option(names = "--no-color", description = "Never colour the output.")
    boolean noColour;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    private record Side(String label, AgentDefinition plan) {
    }

    @Override
    public Integer call() {
        Side a = side(from);
        Side b = side(to);
        DiffReport report = new PlanDiff(BuiltinTools.withDiscoveredTools().kinds()).diff(a.plan(), b.plan())
                .withLabels(a.label(), b.label());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            out.print(report.toText(!noColour && Terminal.colourByDefault()));
            if (pausedAt != null) {
                StepVerdict v = report.compatibleAt(pausedAt);
                out.println(v.compatible()
                        ? "= a run of " + report.fromLabel() + " paused at step " + pausedAt + " can continue under " + report.toLabel()
                        : "= a run of " + report.fromLabel() + " paused at step " + pausedAt + " cannot continue under "
                                + report.toLabel() + ": step " + v.divergesAt() + " differs (" + v.reason() + ")");
            }
        }
        out.flush();
        return report.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private Side side(String arg) {
        Path p = Path.of(arg);
        if (Files.exists(p) || arg.endsWith(".agent") || arg.endsWith(".json")) {
            if (!Files.exists(p)) { // exit 3, as for a NAME@VERSION that is not deployed
                throw new CliException(ExitCode.NOT_FOUND, "no such file: " + arg
                        + " (to compare a deployed version, write NAME@VERSION or NAME@TAG)");
            }
            Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
            ParseResult parsed = ParsedFile.readOrReport(p, term);
            if (parsed == null) {
                throw new CliException(ExitCode.FAILED, arg + " has errors; fix them before diffing");
            }
            return new Side(arg, parsed.definition());
        }
        StoredDefinition stored = repoOption.open().resolve(arg);
        return new Side(stored.version().ref(), stored.plan());
    }
}
