package dev.agentplan.cli;

import dev.agentplan.repository.FileDefinitionRepository;
import picocli.CommandLine.Option;

/** {@code --repo DIR}, shared by every command that reads or writes the definition repository. */
final class RepoOption {

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The definition repository (default: $AGENTPLAN_HOME, else ~/.agentplan).")
    String repo;

    FileDefinitionRepository open() {
        return FileDefinitionRepository.open(repo);
    }
}
