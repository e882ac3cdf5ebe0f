package dev.agentplan.cli;

import dev.agentplan.repository.DeployedVersion;
import dev.agentplan.repository.FileDefinitionRepository;
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
            List<DeployedVersion> versions = repo.versions(name);
            DeployedVersion latest = versions.get(versions.size() - 1);
            Map<String, Integer> tags = repo.tags(name);
            String tagText = tags.isEmpty() ? "" : "  tags: " + tags.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            out.printf("%-28s latest %-4d %d version%s%s%n", name, latest.version(), versions.size(),
                    versions.size() == 1 ? "" : "s", tagText);
        }
        out.flush();
        return ExitCode.OK;
    }
}
