package dev.agentplan.cli;

import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.TagMove;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan versions NAME}: every version with its hash, time, author, message and tags. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "List an agent's versions and the history of its tags.")
final class VersionsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileDefinitionRepository repo = repoOption.open();
        List<DeployedVersion> versions = repo.versions(name);
        if (versions.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no agent named " + name + " is deployed in " + repo.root());
        }
        Map<String, Integer> tags = repo.tags(name);
        var out = spec.commandLine().getOut();
        out.printf("%-8s %-12s %-20s %-12s %s%n", "VERSION", "SHA256", "DEPLOYED", "AUTHOR", "MESSAGE");
        for (DeployedVersion v : versions) {
            String tagged = tags.entrySet().stream().filter(e -> e.getValue() == v.version()).map(Map.Entry::getKey)
                    .collect(Collectors.joining(", "));
            out.printf("%-8d %-12s %-20s %-12s %s%s%n", v.version(), v.sha256().substring(0, 12),
                    v.deployedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"), v.author(),
                    v.message() == null ? "" : v.message(), tagged.isEmpty() ? "" : "  [" + tagged + "]");
        }
        List<TagMove> moves = repo.tagHistory(name);
        if (!moves.isEmpty()) {
            out.println();
            out.println("tag history:");
            for (TagMove m : moves) {
                out.printf("  %s  %-10s %s -> %d  by %s%n", m.at(), m.tag(), m.from() == null ? "(new)" : m.from(), m.to(), m.by());
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
