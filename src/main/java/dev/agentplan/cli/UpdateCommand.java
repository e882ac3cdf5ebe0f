package dev.agentplan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.server.Connection;
import dev.agentplan.server.IntentClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan update RUN NAME [--payload JSON]}: an event for an {@code on update} handler, answered. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Send an event to a run's 'on update \"NAME\"' handler and print its answer.",
            "The payload is checked against the handler's declared type before it is sent; the run "
            + "refuses, with the reason, an event whose handler is not in scope now.",
            "Exit status: 0 accepted, 1 refused by the run or the run has ended, 2 bad payload or no such "
            + "handler, 3 no such run, 4 server unreachable."})
final class UpdateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The update's name (see 'agentplan status RUN').")
    String name;

    @Option(names = "--payload", paramLabel = "JSON", description = "A JSON value of the handler's type (default: null).")
    String payload;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode value = SignalCommand.parse(payload);
        try (Connection connection = server.connect()) {
            IntentClient intents = new IntentClient(connection);
            IntentHandler handler = IntentClient.find(intents.handlers(runId), name);
            if (handler == null) {
                throw new CliException(ExitCode.USAGE, "run " + runId + " has no 'on update \"" + name
                        + "\"' handler; 'agentplan status " + runId + "' lists its handlers");
            }
            SignalCommand.check(handler, IntentHandler.Kind.UPDATE, value, runId);
            String answer = intents.update(runId, name, value);
            spec.commandLine().getOut().println(answer + " (run " + runId + ")");
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
