package dev.agentplan.cli;

import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryException;
import dev.agentplan.repository.VersionScan;
import dev.agentplan.repository.TagMove;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
        VersionScan scan = repo.scan(name);
        if (scan.intact().isEmpty() && scan.damaged().isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, "no agent named " + name + " is deployed in " + repo.root());
        }
        var err = spec.commandLine().getErr();
        Map<String, Integer> tags = Map.of();
        List<TagMove> moves = List.of();
        try {
            tags = repo.tags(name);
            moves = repo.tagHistory(name);
        } catch (RepositoryException e) {
            err.println("agentplan: warning: tags not shown: " + e.getMessage());
        }
        Map<String, Integer> tagged = tags;
        var out = spec.commandLine().getOut();
        out.printf("%-8s %-12s %-20s %-12s %s%n", "VERSION", "SHA256", "DEPLOYED", "AUTHOR", "MESSAGE");
        SortedMap<Integer, String> rows = new TreeMap<>();
        for (DeployedVersion v : scan.intact()) {
            String tagText = tagged.entrySet().stream().filter(e -> e.getValue() == v.version()).map(Map.Entry::getKey)
                    .collect(Collectors.joining(", "));
            rows.put(v.version(), String.format("%-8d %-12s %-20s %-12s %s%s", v.version(), v.sha256().substring(0, 12),
                    v.deployedAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"), v.author(),
                    v.message() == null ? "" : v.message(), tagText.isEmpty() ? "" : "  [" + tagText + "]"));
        }
        scan.damaged().forEach((n, problem) -> {
            rows.put(n, String.format("%-8d %-12s %s", n, "DAMAGED", "(agentplan repo check)"));
            err.println("agentplan: warning: version " + n + " is damaged: " + problem);
        });
        rows.values().forEach(out::println);
        if (!moves.isEmpty()) {
            out.println();
            out.println("tag history:");
            for (TagMove m : moves) {
                out.printf("  %s  %-10s %s -> %d  by %s%n", m.at(), m.tag(), m.from() == null ? "(new)" : m.from(), m.to(), m.by());
            }
        }
        err.flush();
        out.flush();
        return ExitCode.OK;
    }
}
