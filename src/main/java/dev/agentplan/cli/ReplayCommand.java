package dev.agentplan.cli;

import dev.agentplan.server.Connection;
import dev.agentplan.server.ReplayReport;
import dev.agentplan.server.Replays;
import dev.agentplan.server.RunClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan replay RUN | --history FILE}: is this interpreter still deterministic for that run? */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Check that this interpreter replays a run's history exactly.",
            "Replays the history against this version of the interpreter, to prove a run in flight (or an archived one) would go on exactly as recorded.",
            "Give a RUN (every segment is fetched from the server and checked) or --history FILE (from 'agentplan export': one segment).",
            "Checks the commands (Temporal's replayer) and the payloads: every tool call's input, every child run's input, the state carried across continue-as-new and the result must be what the interpreter computes from the recorded results, signals and decisions.",
            "Exit status: 0 deterministic, 1 non-deterministic, altered or malformed (the event and step are printed), 2 usage, "
                + "3 no such run or file, 4 server unreachable."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--history", paramLabel = "FILE", description = "A history exported with 'agentplan export'.")
    Path historyFile;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((runId == null) == (historyFile == null)) {
            throw new CliException(ExitCode.USAGE, "give either a RUN or --history FILE");
        }
        List<WorkflowExecutionHistory> chain = runId != null ? fetch() : List.of(read(historyFile));
        String what = runId != null ? "run " + runId : historyFile.toString();
        List<ReplayReport> reports = Replays.replayChain(chain);
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        int events = chain.stream().mapToInt(h -> h.getEvents().size()).sum();
        for (int i = 0; i < reports.size(); i++) {
            ReplayReport report = reports.get(i);
            if (report.deterministic()) {
                continue;
            }
            String segment = chain.size() > 1 ? " (segment " + (i + 1) + " of " + chain.size() + ")" : "";
            term.out().println(term.red("✖") + " " + what + segment + (report.kind() == ReplayReport.Kind.COMMANDS
                    ? " is NOT deterministic under this interpreter"
                    : report.kind() == ReplayReport.Kind.SHAPE ? " is not a history a server wrote"
                    : " does not replay to what it recorded"));
            if (report.eventId() != null) {
                term.out().println("  where: event " + report.eventId() + (report.event() == null ? "" : ", " + report.event()));
            }
            term.out().println("  what:  " + report.problem());
            if (report.kind() == ReplayReport.Kind.COMMANDS) {
                term.out().println("  a run in flight with this history would fail on its next workflow task; interpreter "
                        + "changes that alter the commands a run issues must be guarded with Workflow.getVersion");
            } else if (report.kind() == ReplayReport.Kind.PAYLOADS) {
                term.out().println("  the history was changed after it was recorded, or this interpreter computes "
                        + "differently from the one that ran it");
            }
            term.out().flush();
            return ExitCode.FAILED;
        }
        String scope = runId != null
                ? (chain.size() == 1 ? "1 segment" : "all " + chain.size() + " segments")
                : "the one segment an export holds" + (segmentOf(chain.get(0)) > 1 ? " (segment " + segmentOf(chain.get(0))
                        + " of the run: replay RUN checks them all)" : "");
        term.out().println(term.green("✔") + " " + what + " replays deterministically (" + scope + ", " + events
                + " events; every call's input, child run input and the result match what was recorded)");
        term.out().flush();
        return ExitCode.OK;
    }

    /** 1 for a run's first segment, more when the history starts from a continue-as-new. */
    private static int segmentOf(WorkflowExecutionHistory h) {
        return h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId().isEmpty() ? 1 : 2;
    }

    private List<WorkflowExecutionHistory> fetch() {
        try (Connection connection = server.connect()) {
            return new RunClient(connection).historyChain(runId);
        }
    }

    private static WorkflowExecutionHistory read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            return WorkflowExecutionHistory.fromJson(text);
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.USAGE, file + " is not an exported history ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable") + ")");
        }
    }
}
