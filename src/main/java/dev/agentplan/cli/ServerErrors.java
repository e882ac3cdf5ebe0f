package dev.agentplan.cli;

import dev.agentplan.server.ConfigurationException;
import dev.agentplan.server.RefusedException;
import dev.agentplan.server.RunAlreadyExistsException;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.ServerStartException;
import dev.agentplan.server.ServerUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The server-side failures of run commands as one line and their exit codes; everything else goes
 * on to {@link UserFacingErrors}.
 */
final class ServerErrors implements IExecutionExceptionHandler {

    private final IExecutionExceptionHandler next;

    ServerErrors(IExecutionExceptionHandler next) {
        this.next = next;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) throws Exception {
        Integer code = codeOf(ex);
        if (code == null) {
            return next.handleExecutionException(ex, cli, parsed);
        }
        cli.getErr().println("agentplan: " + ex.getMessage());
        cli.getErr().flush();
        return code;
    }

    static Integer codeOf(Throwable ex) {
        if (ex instanceof ServerUnavailableException) {
            return ExitCode.UNAVAILABLE;
        }
        if (ex instanceof RunNotFoundException) {
            return ExitCode.NOT_FOUND;
        }
        if (ex instanceof RunAlreadyExistsException) {
            return ExitCode.ALREADY_EXISTS;
        }
        if (ex instanceof RefusedException) {
            return ExitCode.FAILED;
        }
        if (ex instanceof dev.agentplan.server.ConnectionConfigException) {
            return ExitCode.USAGE;
        }
        if (ex instanceof ServerStartException) {
            return ExitCode.ERROR;
        }
        if (ex instanceof ConfigurationException) {
            return ExitCode.ERROR;
        }
        return null;
    }
}
