package dev.agentplan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agentplan repo}: commands about the repository itself: {@code check}, {@code accept-tags}. */
@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "Look after the definition repository.",
        subcommands = {RepoCheckCommand.class, RepoAcceptTagsCommand.class})
final class RepoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'agentplan repo check'");
    }
}
