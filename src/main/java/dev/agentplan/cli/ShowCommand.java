package dev.agentplan.cli;

import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.syntax.PlanFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan show NAME[@VERSION|@TAG] [--format agent|json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print a deployed version.",
            "--format agent prints the .agent text as deployed (comments included) when it was deployed from text, "
                + "else the canonical text; --format json prints the canonical JSON the runs are pinned to."})
final class ShowCommand implements Callable<Integer> {

    enum Format { agent, json }

    @Parameters(index = "0", paramLabel = "NAME[@VERSION|@TAG]", description = "What to show (default: the latest version).")
    String ref;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "agent", description = "agent (default) or json.")
    Format format;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoredDefinition stored = repoOption.open().resolve(ref);
        var out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.print(stored.canonicalJson());
        } else if (stored.sourceFileName() != null && stored.sourceFileName().endsWith(".agent")) {
            out.print(stored.sourceText());
        } else {
            out.print(PlanFormatter.format(stored.plan()));
        }
        out.flush();
        return ExitCode.OK;
    }
}
