package dev.agentplan.cli;

import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan cancel RUN}: the run's {@code cancel} update. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a run.",
            "Running work is cancelled, registered undo calls run (newest first), and the "
            + "run ends CANCELLED. Who cancelled and why are kept in its audit trail.",
            "Exit status: 0 cancelling, 1 refused (e.g. the run has ended), 3 no such run, 4 server unreachable."})
final class CancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(names = "--as", paramLabel = "NAME", description = "Who cancels (default: the OS user).")
    String as;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String who = as != null ? as : System.getProperty("user.name", "unknown");
        try (Connection connection = server.connect()) {
            new RunClient(connection).cancel(runId, new CancelRequest(who, reason));
            spec.commandLine().getOut().println("cancelling run " + runId + " (as " + who + "); see: agentplan status "
                    + runId + RunCommand.connectionArgs(connection));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
