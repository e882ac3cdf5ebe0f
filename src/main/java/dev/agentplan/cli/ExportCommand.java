package dev.agentplan.cli;

import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan export RUN}: the raw event history, for replay and archives. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print a run's raw Temporal event history as JSON.",
            "The history of its latest segment, in the format WorkflowExecutionHistory.fromJson, the Temporal CLI and 'agentplan replay --history' read.",
            "Exit status: 0, 3 when there is no such run, 4 when the server is unreachable."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connection connection = server.connect()) {
            spec.commandLine().getOut().println(new RunClient(connection).history(runId).toJson(true));
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }
}
