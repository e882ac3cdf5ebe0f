package dev.agentplan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.console.BadRequestException;
import dev.agentplan.console.RunOperations;
import dev.agentplan.server.Connection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan signal RUN NAME [--payload JSON]}. */
@Command(name = "signal", mixinStandardHelpOptions = true,
        description = {"Send a named signal to a run.",
            "An 'await signal \"NAME\"' step takes it (signals that arrive "
            + "before a step waits are kept until one does); for an 'on signal \"NAME\"' handler the "
            + "payload is checked against its declared type before it is sent.",
            "Exit status: 0 sent, 1 the run has ended, 2 bad payload, 3 no such run, 4 server unreachable."})
final class SignalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The signal name.")
    String name;

    @Option(names = "--payload", paramLabel = "JSON", description = "Any JSON value (default: null).")
    String payload;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode value = parse(payload);
        PayloadLimit.check(value, "--payload", spec.commandLine().getErr());
        try (Connection connection = server.connect()) {
            RunOperations.SignalSent sent;
            try {
                sent = new RunOperations(connection).signal(runId, name, value, null);
            } catch (BadRequestException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            IntentHandler handler = sent.handler();
            spec.commandLine().getOut().println("sent signal " + name + " to run " + runId
                    + (handler == null || handler.variable() == null ? "" : " (its handler sets " + handler.variable() + ")"));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    /** Refuses (exit 2) an event the run's handler would not take: the wrong kind or payload type. */
    static void check(IntentHandler handler, IntentHandler.Kind sentAs, JsonNode payload, String runId) {
        try {
            RunOperations.check(handler, sentAs, payload, runId);
        } catch (BadRequestException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    static JsonNode parse(String text) {
        if (text == null) {
            return CliJson.MAPPER.nullNode();
        }
        try {
            JsonNode node = CliJson.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new CliException(ExitCode.USAGE, "--payload is empty; give a JSON value such as {\"ok\": true}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.USAGE, "--payload is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; quote strings: '\"text\"'");
        }
    }
}
