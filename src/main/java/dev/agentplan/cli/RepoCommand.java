package dev.agentplan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agentplan repo}: commands about the repository itself (so far: {@code check}). */
@Command(name = "repo", mixinStandardHelpOptions = true,
        description = "Look after the definition repository.",
        subcommands = {RepoCheckCommand.class})
final class RepoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'agentplan repo check'");
    }
}
