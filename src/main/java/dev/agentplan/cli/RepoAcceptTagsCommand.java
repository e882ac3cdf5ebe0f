package dev.agentplan.cli;

import dev.agentplan.repository.FileDefinitionRepository;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan repo accept-tags NAME}: the remedy {@code repo check} offers when a tag log no
 * longer reaches as far as its head records (cut off, deleted) or the head is gone, and the
 * user has decided the log as it is now is right.
 */
@Command(name = "accept-tags", mixinStandardHelpOptions = true,
        description = {"Accept an agent's tag log as it is now and anchor it again.",
            "For a log whose end was cut off (the tags become what the remaining moves say), a deleted log (the "
                + "agent then has no tags) or a deleted tags.head.json. A log with edited lines is still refused: "
                + "restore it from a backup."})
final class RepoAcceptTagsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FileDefinitionRepository repo = repoOption.open();
        Map<String, Integer> tags = repo.acceptTags(name);
        var out = spec.commandLine().getOut();
        out.println("accepted the tag log of " + name + " as it is: " + (tags.isEmpty() ? "no tags"
                : tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        out.flush();
        return ExitCode.OK;
    }
}
