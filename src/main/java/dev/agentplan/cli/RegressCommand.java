package dev.agentplan.cli;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.regress.RegressReport;
import dev.agentplan.regress.Regression;
import dev.agentplan.regress.RunVerdict;
import dev.agentplan.repository.RunRecord;
import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.server.Connection;
import dev.agentplan.server.Pins;
import dev.agentplan.server.RecordedRun;
import dev.agentplan.server.RecordedRunReader;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.Visibility;
import dev.agentplan.syntax.ParseResult;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan regress CANDIDATE …}: a candidate plan against recorded runs (see {@link Regression}). */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Re-run recorded runs on a candidate plan, with every tool answered from the recording.",
            "CANDIDATE: a plan file, or NAME@VERSION / NAME@TAG from the repository. The recordings: exported histories "
                + "('agentplan export RUN > FILE'; a FILE or a DIR of them), or --runs NAME[@V] --last N, the newest N ended "
                + "runs on the server (from Temporal's visibility on a real server, from the run index on the in-memory one).",
            "Each recording's inputs start the candidate on an in-process test server whose clock skips ahead; its decisions "
                + "and signals arrive as they did; each tool call gets the recorded answer of the same tool with the same "
                + "arguments, in the recorded order. No real tool is called.",
            "Per run: same calls and same output; same calls, different output; diverged at a call (the first whose tool "
                + "or arguments differ, or that one side did not make: both sides are shown with their .agent lines); or "
                + "needs a tool result the recording lacks. Then a summary table (--json: all of it as JSON).",
            "Exit status: 0 every run behaves the same, 1 some run changed or could not be compared (or the candidate has "
                + "errors), 2 bad usage, 3 no such candidate, file or run, or no recorded run found, 4 server unreachable."})
final class RegressCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CANDIDATE", description = "A plan file, or NAME@VERSION|TAG from the repository.")
    String candidate;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "RECORDING",
            description = "Exported histories: files, or directories of *.json files.")
    List<Path> recordings = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "NAME[@V]", description = "Recorded runs of this agent (and version) on the server.")
    String runs;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "With --runs: the newest N ended runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--json", description = "Print the verdicts and the summary as JSON.")
    boolean json;

    @Mixin
    ServerOptions server;

    @Mixin
    RepoOption repoOption;

    @Spec
    CommandSpec spec;

    private record Candidate(String label, PinnedDefinition pinned, AgentDefinition plan, Path directory) {
    }

    @Override
    public Integer call() {
        if ((runs == null) == recordings.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "give the recorded runs: exported history FILEs or DIRs, or --runs NAME[@V]"
                    + " (not both)");
        }
        if (last < 1) {
            throw new CliException(ExitCode.USAGE, "--last must be at least 1");
        }
        Terminal term = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), Terminal.colourByDefault());
        Candidate cand = candidate(term);
        List<RecordedRun> recorded = runs != null ? fromServer(term) : fromFiles();
        if (recorded.isEmpty()) {
            throw new CliException(ExitCode.NOT_FOUND, runs != null ? "no ended run of " + runs + " found"
                    + " (agentplan runs " + runs + " lists them)" : "no exported history (*.json) in " + recordings);
        }
        List<RunVerdict> verdicts = new ArrayList<>();
        if (!json) {
            term.out().println("regress " + cand.label() + " against " + recorded.size() + " recorded run"
                    + (recorded.size() == 1 ? "" : "s") + describe(recorded));
            term.out().flush();
        }
        try (Regression regression = new Regression(cand.pinned(), cand.plan(), cand.directory())) {
            for (RecordedRun rec : recorded) {
                RunVerdict v = regression.check(rec);
                verdicts.add(v);
                if (!json) {
                    RegressReport.lines(v).forEach(l -> term.out().println(colour(term, v.kind(), l)));
                    term.out().flush();
                }
            }
        }
        if (json) {
            term.out().println(CliJson.pretty(RegressReport.json(cand.label(), verdicts)));
        } else {
            term.out().println();
            RegressReport.summary(verdicts).forEach(term.out()::println);
        }
        term.out().flush();
        return verdicts.stream().allMatch(v -> v.kind() == RunVerdict.Kind.SAME) ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String describe(List<RecordedRun> recorded) {
        List<String> versions = recorded.stream().filter(r -> r.agent() != null)
                .map(r -> r.agent() + (r.version() == Pins.NOT_DEPLOYED ? " (from a file)" : "@" + r.version()))
                .distinct().toList();
        return versions.isEmpty() ? "" : " of " + String.join(", ", versions);
    }

    private static String colour(Terminal term, RunVerdict.Kind kind, String line) {
        if (!line.startsWith("  ") || line.startsWith("      ")) {
            return line;
        }
        String mark = line.substring(2, 3);
        String painted = switch (kind) {
            case SAME -> term.green(mark);
            case NOT_COMPARABLE -> mark;
            default -> term.red(mark);
        };
        return "  " + painted + line.substring(3);
    }

    private Candidate candidate(Terminal term) {
        Path p = Path.of(candidate);
        if (Files.exists(p) || candidate.endsWith(".agent") || candidate.endsWith(".json")) {
            if (!Files.isRegularFile(p)) {
                throw new CliException(ExitCode.NOT_FOUND, "no such file: " + candidate
                        + " (a deployed candidate is written NAME@VERSION or NAME@TAG)");
            }
            ParseResult parsed = ParsedFile.readOrReport(p, term);
            if (parsed == null) {
                throw new CliException(ExitCode.FAILED, candidate + " has errors; fix them before regress");
            }
            List<Diagnostic> errors = Validators.forThisWorker().validate(parsed.definition()).stream()
                    .filter(Diagnostic::isError).toList();
            if (!errors.isEmpty()) {
                DiagnosticPrinter.print(new Terminal(term.err(), term.err(), term.colour()), errors, PlanLoader.textOf(p));
                throw new CliException(ExitCode.FAILED, candidate + " has errors; fix them before regress");
            }
            Path dir = p.toAbsolutePath().getParent();
            return new Candidate(candidate, Pins.ofFile(p.getFileName().toString(), parsed.definition()),
                    parsed.definition(), dir);
        }
        StoredDefinition stored = repoOption.open().resolve(candidate);
        return new Candidate(stored.version().ref(), Pins.of(stored), stored.plan(), null);
    }

    private List<RecordedRun> fromFiles() {
        List<Path> files = new ArrayList<>();
        for (Path p : recordings) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (!Files.exists(p)) {
                throw new CliException(ExitCode.NOT_FOUND, "no such file or directory: " + p);
            } else {
                files.add(p);
            }
        }
        List<RecordedRun> out = new ArrayList<>();
        for (Path f : files) {
            String label = f.getFileName().toString().replaceFirst("\\.json$", "");
            WorkflowExecutionHistory history;
            try {
                history = WorkflowExecutionHistory.fromJson(Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException(ExitCode.ERROR, "cannot read " + f + ": " + e.getMessage());
            } catch (RuntimeException notAHistory) {
                out.add(new RecordedRun(label, null, 0, null, null, "RUNNING", null, null, List.of(), List.of(),
                        List.of(), true));
                continue;
            }
            out.add(RecordedRunReader.read(label, List.of(history)));
        }
        return out;
    }

    private List<RecordedRun> fromServer(Terminal term) {
        int at = runs.indexOf('@');
        String agent = at < 0 ? runs : runs.substring(0, at);
        Integer version = null;
        if (at >= 0) {
            try {
                version = Integer.parseInt(runs.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new CliException(ExitCode.USAGE, "--runs " + runs + ": give NAME or NAME@VERSION (a number)");
            }
        }
        List<RecordedRun> out = new ArrayList<>();
        try (Connection c = server.connect()) {
            RunClient client = new RunClient(c);
            for (String runId : runIds(c, agent, version)) {
                List<WorkflowExecutionHistory> chain;
                try {
                    chain = client.historyChain(runId);
                } catch (RunNotFoundException gone) {
                    term.err().println("agentplan: note: run " + runId + " is not on the server at " + server.address()
                            + " any more; left out");
                    continue;
                }
                RecordedRun rec = RecordedRunReader.read(runId, chain);
                if (!rec.ended() || (version != null && rec.version() != version) || !agent.equals(rec.agent())) {
                    continue;
                }
                out.add(rec);
                if (out.size() == last) {
                    break;
                }
            }
        }
        term.err().flush();
        return out;
    }

    /** Newest first: from visibility on a real server, else from the run index. */
    private List<String> runIds(Connection c, String agent, Integer version) {
        Optional<List<Visibility.Run>> visible = new Visibility(c).list(agent, version, null, null, Math.min(1000, last * 4 + 20));
        if (visible.isPresent()) {
            return visible.get().stream().map(Visibility.Run::runId).toList();
        }
        String address = server.address();
        return repoOption.open().runIndex().list(agent, null).stream()
                .filter(r -> version == null || r.version() == version)
                .filter(r -> r.address() == null || r.address().equals(address))
                .map(RunRecord::runId).toList();
    }
}
