package dev.agentplan.cli;

import dev.agentplan.repository.RunIndex;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunDescription;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.ServerUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan runs}: the runs started through agentplan, from the run index (the Java test
 * server cannot list workflows), each refreshed from the server it runs on when that is reachable.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List the runs started with 'agentplan run NAME', newest first.",
            "They come from the run index in the repository; each run's status is refreshed from its server when reachable ('?' marks a status that "
            + "could not be refreshed).",
            "'lost' marks a run the index records as running but whose server has no such workflow (an in-memory "
            + "server was restarted): see 'agentplan run --help' for --restart-lost.",
            "--address lists only the runs on that server."})
final class RunsCommand implements Callable<Integer> {

    enum Status { running, completed, failed, cancelled, lost }

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only runs of this agent.")
    String agent;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this state: running, completed, failed, cancelled or lost.")
    Status status;

    @Mixin
    ServerOptions server;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    static final String LOST = "lost";

    private record Row(RunRecord run, String status, boolean fresh) {
    }

    @Override
    public Integer call() {
        RunIndex index = repoOption.open().runIndex();
        List<RunRecord> runs = index.list(agent, null);
        if (server.address != null || System.getenv("AGENTPLAN_ADDRESS") != null) {
            String only = server.address();
            runs = runs.stream().filter(r -> r.address().equals(only)).toList();
        }
        Map<String, Optional<Connection>> connections = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try {
            for (RunRecord run : runs) {
                Optional<Connection> c = connections.computeIfAbsent(run.address(), this::tryConnect);
                Row row = refresh(index, run, c.orElse(null));
                if (status == null || status.name().equals(row.status())) {
                    rows.add(row);
                }
            }
        } finally {
            connections.values().forEach(c -> c.ifPresent(Connection::close));
        }
        print(rows);
        return ExitCode.OK;
    }

    private Optional<Connection> tryConnect(String address) {
        try {
            return Optional.of(Connection.open(address, server.namespace()));
        } catch (ServerUnavailableException e) {
            return Optional.empty();
        }
    }

    private static Row refresh(RunIndex index, RunRecord run, Connection connection) {
        if (connection == null) {
            return new Row(run, run.status(), false);
        }
        String now;
        try {
            RunClient client = new RunClient(connection);
            RunDescription d = client.describe(run.runId());
            now = d.isRunning() ? "running"
                    : client.resultIfEnded(run.runId()).map(r -> r.status().name().toLowerCase()).orElse(d.execution());
        } catch (RunNotFoundException e) {
            if (run.ended()) {
                return new Row(run, run.status(), false); // ended, and forgotten since (a restarted test server)
            }
            // the index says it runs, the server has no such workflow: it was lost with its server
            if (!run.status().equals(LOST)) {
                index.updateStatus(run.runId(), LOST);
            }
            return new Row(run, LOST, true);
        } catch (ServerUnavailableException e) {
            return new Row(run, run.status(), false);
        }
        if (!now.equals(run.status())) {
            index.updateStatus(run.runId(), now);
        }
        return new Row(run, now, true);
    }

    private void print(List<Row> rows) {
        var out = spec.commandLine().getOut();
        if (rows.isEmpty()) {
            out.println("no runs" + (agent == null ? "" : " of " + agent) + (status == null ? "" : " " + status)
                    + " in the run index (start one: agentplan run NAME)");
        } else {
            out.printf("%-36s %-24s %-8s %-11s %-24s %s%n", "RUN", "AGENT", "VERSION", "STATUS", "STARTED", "SERVER");
            for (Row r : rows) {
                out.printf("%-36s %-24s %-8d %-11s %-24s %s%n", r.run().runId(), r.run().agent(), r.run().version(),
                        r.status() + (r.fresh() ? "" : "?"), HumanTime.dateTime(r.run().startedAt()), r.run().address());
            }
        }
        out.flush();
    }
}
