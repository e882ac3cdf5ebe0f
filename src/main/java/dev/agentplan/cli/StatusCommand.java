package dev.agentplan.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunDescription;
import dev.agentplan.server.ServerUnavailableException;
import dev.agentplan.server.PendingCall;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan status RUN}: where a run is, what it waits for, what it has used. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show where a run is and what it waits for.",
            "Its state, the steps running now with their .agent lines, pending approvals "
            + "(prompt, approvers, deadline), budgets, the last tool call and the decisions taken.",
            "Exit status: 0, 3 when there is no such run, 4 when the server is unreachable."})
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--json", description = "Print the status query's answer (and the result once ended) as JSON.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Connection connection = server.connect()) {
            RunClient client = new RunClient(connection);
            RunDescription d = client.describe(runId);
            RunResult result = d.isRunning() ? null : client.resultIfEnded(runId).orElse(null);
            RunStatus status = query(client, d);
            List<PendingCall> pending = d.isRunning() ? client.pendingCalls(runId) : List.of();
            if (json) {
                ObjectNode node = CliJson.MAPPER.createObjectNode();
                node.put("runId", runId);
                node.put("execution", d.execution());
                node.set("status", CliJson.MAPPER.valueToTree(status));
                node.set("result", CliJson.MAPPER.valueToTree(result));
                node.set("pendingCalls", CliJson.MAPPER.valueToTree(pending));
                spec.commandLine().getOut().println(CliJson.pretty(node));
                spec.commandLine().getOut().flush();
            } else {
                Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
                new StatusPrinter(term, Instant.now()).print(runId, status, result, d.execution(),
                        RunCommand.connectionArgs(connection), pending);
            }
            return ExitCode.OK;
        }
    }

    /** The status query; a run that has ended may have no worker left to answer it (then null). */
    private static RunStatus query(RunClient client, RunDescription d) {
        try {
            return client.status(d.runId());
        } catch (ServerUnavailableException e) {
            if (d.isRunning() && e.timedOut()) {
                throw new ServerUnavailableException(e.address(), "no worker answered the status query of run "
                        + d.runId() + " (is a worker polling task queue " + d.taskQueue() + "? start one with: "
                        + "agentplan worker, or use agentplan server)", true);
            }
            if (d.isRunning()) {
                throw e;
            }
            return null;
        } catch (RuntimeException e) {
            if (d.isRunning()) {
                throw e;
            }
            return null;
        }
    }
}
