package dev.agentplan.cli;

import dev.agentplan.repository.FileDefinitionRepository;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --repo DIR}, shared by every command that reads or writes the definition repository.
 * What the repository skips or repairs (a damaged version left out, a stray file ignored) is
 * printed on stderr as a warning, each once per command.
 */
final class RepoOption {

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The definition repository (default: $AGENTPLAN_HOME, else ~/.agentplan).")
    String repo;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private final Set<String> warned = new LinkedHashSet<>();

    FileDefinitionRepository open() {
        return FileDefinitionRepository.open(repo).withNotes(this::warn);
    }

    private synchronized void warn(String note) {
        if (command == null || !warned.add(note)) {
            return;
        }
        var err = command.commandLine().getErr();
        err.println("agentplan: warning: " + note);
        err.flush();
    }
}
