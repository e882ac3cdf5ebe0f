package dev.agentplan.cli;

import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryException;
import dev.agentplan.repository.VersionScan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agentplan list}: the deployed agents, their latest version and tags. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List deployed agents with their latest version and tags.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileDefinitionRepository repo = repoOption.open();
        List<String> agents = repo.agents();
        var out = spec.commandLine().getOut();
        if (agents.isEmpty()) {
            out.println("no agents deployed in " + repo.root() + " (deploy one: agentplan deploy FILE)");
        }
        for (String name : agents) {
            VersionScan scan;
            try {
                scan = repo.scan(name);
            } catch (RepositoryException e) { // e.g. an unreadable versions directory: only this agent
                out.printf("%-28s unreadable (agentplan repo check)%n", name);
                spec.commandLine().getErr().println("agentplan: warning: " + e.getMessage());
                continue;
            }
            String damaged = scan.damaged().isEmpty() ? "" : "  " + scan.damaged().size() + " damaged (agentplan repo check)";
            if (scan.intact().isEmpty()) {
                out.printf("%-28s no intact version%s%n", name, damaged);
                continue;
            }
            List<DeployedVersion> versions = scan.intact();
            DeployedVersion latest = versions.get(versions.size() - 1);
            String tagText;
            try {
                Map<String, Integer> tags = repo.tags(name);
                tagText = tags.isEmpty() ? "" : "  tags: " + tags.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            } catch (RepositoryException e) {
                spec.commandLine().getErr().println("agentplan: warning: " + e.getMessage());
                tagText = "  tags: damaged (agentplan repo check)";
            }
            out.printf("%-28s latest %-4d %d version%s%s%s%n", name, latest.version(), versions.size(),
                    versions.size() == 1 ? "" : "s", tagText, damaged);
        }
        out.flush();
        return ExitCode.OK;
    }
}
