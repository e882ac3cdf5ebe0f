package dev.agentplan.cli;

import dev.agentplan.server.AuditTrail;
import dev.agentplan.server.Connection;
import dev.agentplan.server.HistoryReader;
import dev.agentplan.server.RunClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan history RUN}: the audit trail, read from the run's event history alone. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show a run's audit trail, read from its Temporal event history.",
            "Every tool call with its "
            + ".agent line, arguments, result, attempts and failures; approvals (who, when, comment); signals; "
            + "timers; child runs; how it ended.",
            "Exit status: 0, 3 when there is no such run, 4 when the server is unreachable."})
final class HistoryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--json", description = "Print the audit trail as JSON.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AuditTrail trail;
        try (Connection connection = server.connect()) {
            trail = HistoryReader.read(runId, new RunClient(connection).historyChain(runId));
        }
        if (json) {
            spec.commandLine().getOut().println(CliJson.pretty(trail));
            spec.commandLine().getOut().flush();
        } else {
            new HistoryPrinter(new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(),
                    Terminal.colourByDefault())).print(trail);
        }
        return ExitCode.OK;
    }
}
