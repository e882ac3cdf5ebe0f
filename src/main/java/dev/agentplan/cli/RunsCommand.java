package dev.agentplan.cli;

import dev.agentplan.repository.RunIndex;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunDescription;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.ServerUnavailableException;
import dev.agentplan.server.Visibility;
import java.time.Instant;
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
 * {@code agentplan runs}: on a real Temporal server, every agentplan run on it, from Temporal's
 * visibility store (whoever started it); on Temporal's Java test server, which cannot list
 * workflows, the runs started through agentplan from the run index, each refreshed from the
 * server it runs on when that is reachable.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List runs, newest first.",
            "On a real Temporal server (agentplan server --db, a cluster): every agentplan run on the server at --address "
                + "(default " + Connection.DEFAULT_ADDRESS + "), from Temporal's visibility, including runs other machines started.",
            "Otherwise (the in-memory server, or no server reachable): the runs started with 'agentplan run NAME' from the run "
                + "index in the repository, each refreshed from its server when reachable ('?' marks a status that could not be refreshed); "
                + "--address lists only the runs on that server.",
            "'lost' marks a run the index records as running but whose server has no such workflow (an in-memory "
                + "server was restarted): see 'agentplan run --help' for --restart-lost."})
final class RunsCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME[@V]", description = "Only runs of this agent (and version).")
    String agentArg;

    @Option(names = "--agent", paramLabel = "NAME[@V]", description = "Only runs of this agent (and version).")
    String agentOption;

    @Option(names = {"--state", "--status"}, paramLabel = "STATE",
            description = "Only runs in this state: running, completed, failed, cancelled, terminated, timed_out, or lost "
                    + "(in the run index only: recorded as running, gone from their in-memory server).")
    String stateArg;

    static final String LOST = "lost";

    /** The state asked for, as visibility knows it (null for none, or for 'lost'). */
    private Visibility.State status;
    private boolean lostOnly;

    @Option(names = "--since", paramLabel = "AGE|TIME", description = "Only runs started since then: an age (30m, 6h, 2d) or a time (2025-12-06T10:00:00Z, 2025-12-06).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N runs from visibility (default: ${DEFAULT-VALUE}).")
    int limit;

    private String agent;
    private Integer version;

    @Mixin
    ServerOptions server;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    private record Row(RunRecord run, String status, boolean fresh) {
    }

    @Override
    public Integer call() {
        if (agentArg != null && agentOption != null && !agentArg.equals(agentOption)) {
            throw new CliException(ExitCode.USAGE, "give the agent once: NAME or --agent NAME");
        }
        parseAgent(agentOption != null ? agentOption : agentArg);
        if (limit < 1) {
            throw new CliException(ExitCode.USAGE, "--limit must be at least 1");
        }
        parseState(stateArg);
        Instant from = since == null ? null : parseSince(since, Instant.now());
        Optional<List<Visibility.Run>> listed = lostOnly ? Optional.empty() : fromVisibility(from);
        if (listed.isPresent()) {
            printVisible(listed.get());
            return ExitCode.OK;
        }
        RunIndex index = repoOption.open().runIndex();
        List<RunRecord> runs = index.list(agent, null).stream()
                .filter(r -> version == null || r.version() == version)
                .filter(r -> from == null || !r.startedAt().isBefore(from)).toList();
        if (server.addressGiven()) {
            String only = server.address();
            runs = runs.stream().filter(r -> r.address().equals(only)).toList();
        }
        Map<String, Optional<Connection>> connections = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try {
            for (RunRecord run : runs) {
                Optional<Connection> c = connections.computeIfAbsent(run.address(), this::tryConnect);
                Row row = refresh(index, run, c.orElse(null));
                if (lostOnly ? LOST.equals(row.status()) : status == null || status.name().equals(row.status())) {
                    rows.add(row);
                }
            }
        } finally {
            connections.values().forEach(c -> c.ifPresent(Connection::close));
        }
        print(rows);
        return ExitCode.OK;
    }

    /** The runs from the server's visibility store; empty when it has none (the test server) or cannot be reached. */
    private Optional<List<Visibility.Run>> fromVisibility(Instant from) {
        Connection c;
        try {
            c = server.connect();
        } catch (ServerUnavailableException e) {
            return Optional.empty(); // the run index still knows what was started
        }
        try (c) {
            return new Visibility(c).list(agent, version, status, from, limit);
        }
    }

    private void parseState(String text) {
        if (text == null) {
            return;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals(LOST)) {
            lostOnly = true;
            return;
        }
        try {
            status = Visibility.State.valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--state " + text + ": use running, completed, failed, cancelled, "
                    + "terminated, timed_out or lost");
        }
    }

    private void parseAgent(String ref) {
        if (ref == null) {
            return;
        }
        int at = ref.indexOf('@');
        agent = at < 0 ? ref : ref.substring(0, at);
        if (at >= 0) {
            try {
                version = Integer.parseInt(ref.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new CliException(ExitCode.USAGE, "'" + ref + "': runs are listed by NAME or NAME@VERSION (a number)");
            }
        }
    }

    static Instant parseSince(String text, Instant now) {
        String t = text.strip();
        java.util.regex.Matcher age = java.util.regex.Pattern.compile("(\\d+)([smhdw])").matcher(t);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            long seconds = switch (age.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                case "d" -> n * 86_400;
                default -> n * 7 * 86_400;
            };
            return now.minusSeconds(seconds);
        }
        try {
            return Instant.parse(t);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            try {
                return java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.format.DateTimeParseException notADate) {
                throw new CliException(ExitCode.USAGE, "--since " + text + ": give an age (30m, 6h, 2d, 1w) or a time "
                        + "(2025-12-06T10:00:00Z or 2025-12-06)");
            }
        }
    }

    private void printVisible(List<Visibility.Run> runs) {
        var out = spec.commandLine().getOut();
        String where = server.address() + (server.namespace().equals(Connection.DEFAULT_NAMESPACE) ? "" : " namespace " + server.namespace());
        if (runs.isEmpty()) {
            out.println("no runs" + (agent == null ? "" : " of " + agent + (version == null ? "" : "@" + version))
                    + (status == null ? "" : " " + status) + " on " + where);
        } else {
            out.printf("%-36s %-24s %-8s %-11s %-24s %s%n", "RUN", "AGENT", "VERSION", "STATUS", "STARTED", "SERVER");
            for (Visibility.Run r : runs) {
                out.printf("%-36s %-24s %-8s %-11s %-24s %s%n", r.runId(), r.agent() == null ? "?" : r.agent(),
                        r.version() == null ? "?" : r.version().toString(), r.state(), HumanTime.dateTime(r.startedAt()), where);
            }
        }
        out.flush();
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
            out.println("no runs" + (agent == null ? "" : " of " + agent) + (stateArg == null ? "" : " " + stateArg)
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
