package dev.agentplan.cli;

import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryLocation;
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
        return open(System.getenv());
    }

    /** The repository, refusing a root that exists but is not a directory (it would read as empty). */
    FileDefinitionRepository open(java.util.Map<String, String> environment) {
        java.nio.file.Path root = RepositoryLocation.resolve(repo, environment, System.getProperty("user.home"));
        if (java.nio.file.Files.exists(root) && !java.nio.file.Files.isDirectory(root)) {
            String source = repo != null && !repo.isBlank() ? "--repo"
                    : environment.get(RepositoryLocation.HOME_VARIABLE) != null
                    && !environment.get(RepositoryLocation.HOME_VARIABLE).isBlank()
                    ? RepositoryLocation.HOME_VARIABLE : "the default location";
            throw new CliException(ExitCode.USAGE, "the repository " + root + " (from " + source + ") is a file, not a"
                    + " directory: point " + source + " at a directory (it is created on the first deploy)");
        }
        return new FileDefinitionRepository(root).withNotes(this::warn);
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
