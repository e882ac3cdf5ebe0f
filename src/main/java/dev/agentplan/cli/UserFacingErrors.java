package dev.agentplan.cli;

import dev.agentplan.repository.NotFoundException;
import dev.agentplan.repository.RepositoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any exception escaping a command into one line on stderr and an exit code; users never
 * see a stack trace (set AGENTPLAN_DEBUG=1 to get one).
 */
final class UserFacingErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        if (ex instanceof CliException c) {
            cli.getErr().println("agentplan: " + c.getMessage());
            return c.exitCode();
        }
        if (ex instanceof NotFoundException) {
            cli.getErr().println("agentplan: " + ex.getMessage());
            return ExitCode.NOT_FOUND;
        }
        if (ex instanceof RepositoryException) {
            cli.getErr().println("agentplan: " + ex.getMessage());
            return ExitCode.ERROR;
        }
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cli.getErr().println("agentplan: " + message.lines().findFirst().orElse(message));
        if (System.getenv("AGENTPLAN_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("agentplan: (an unexpected error; run again with AGENTPLAN_DEBUG=1 for details)");
        }
        return ExitCode.ERROR;
    }
}
