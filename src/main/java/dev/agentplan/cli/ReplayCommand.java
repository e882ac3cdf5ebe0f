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
            "Give a RUN (fetched from the server) or --history FILE (from 'agentplan export').",
            "Exit status: 0 deterministic, 1 non-deterministic (the event and step are printed), 2 usage, "
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
        WorkflowExecutionHistory history = runId != null ? fetch() : read(historyFile);
        String what = runId != null ? "run " + runId : historyFile.toString();
        ReplayReport report = Replays.replay(history);
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        if (report.deterministic()) {
            term.out().println(term.green("✔") + " " + what + " replays deterministically (" + history.getEvents().size()
                    + " events)");
            term.out().flush();
            return ExitCode.OK;
        }
        term.out().println(term.red("✖") + " " + what + " is NOT deterministic under this interpreter");
        if (report.eventId() != null) {
            term.out().println("  where: event " + report.eventId() + (report.event() == null ? "" : ", " + report.event()));
        }
        term.out().println("  what:  " + report.problem());
        term.out().println("  a run in flight with this history would fail on its next workflow task; interpreter "
                + "changes that alter the commands a run issues must be guarded with Workflow.getVersion");
        term.out().flush();
        return ExitCode.FAILED;
    }

    private WorkflowExecutionHistory fetch() {
        try (Connection connection = server.connect()) {
            return new RunClient(connection).history(runId);
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
