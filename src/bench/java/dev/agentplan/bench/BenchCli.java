package dev.agentplan.bench;

import dev.agentplan.cli.CliException;
import dev.agentplan.cli.ExitCode;
import dev.agentplan.cli.VersionProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentplan bench runtime|replay|scale|per-call|startup}: what the interpreter costs next to
 * a hand-written Temporal workflow, and what the CLI costs to start. Results go to CSV files (with
 * the machine's facts) in {@code --out}. These classes are not in the product jar: they live in
 * {@code target/agentplan-bench.jar} (and the test class path), and the product's thin
 * {@code cli.BenchCommand} loads this command from there. The language (parse + validate)
 * benchmark is JMH-based and runs from the test sources (see bench/results/SUMMARY.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmarks: the interpreter next to a hand-written Temporal workflow, and CLI start-up.",
            "Run them on a quiet machine; each prints progress and writes a CSV to --out.",
            "The language benchmark (JMH) runs from the test sources: see bench/results/SUMMARY.md."})
public final class BenchCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "bench/results", paramLabel = "DIR",
            description = "Where the CSV files go (default: ${DEFAULT-VALUE}).", scope = CommandLine.ScopeType.INHERIT)
    Path out;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing benchmark: runtime, replay, scale, per-call or startup (try 'agentplan bench --help')");
    }

    private PrintWriter progress() {
        return spec.commandLine().getOut();
    }

    @Command(name = "runtime", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Interpreter vs hand-written workflow: runs/s, latency, events and bytes per run.",
                "Both run the same workloads on one server, interleaved A/B after a warm-up."})
    int runtime(@Option(names = "--quick", description = "Fewer rounds (about a minute per server).") boolean quick,
                @Option(names = "--server", defaultValue = "both", paramLabel = "embedded|standalone|dev|both",
                        description = "Which server (default: ${DEFAULT-VALUE}: embedded and standalone; dev: the real "
                                + "Temporal server, the CLI's dev server, which needs the Temporal CLI).") String server) {
        List<String> servers = server.equals("both") ? List.of("embedded", "standalone") : List.of(server);
        for (String s : servers) {
            if (!s.equals("embedded") && !s.equals("standalone") && !s.equals("dev")) {
                throw new CliException(ExitCode.USAGE, "--server must be embedded, standalone, dev or both");
            }
        }
        PrintWriter p = progress();
        for (String s : servers) {
            Map<String, String> facts = MachineFacts.now();
            List<String> notes = new ArrayList<>();
            List<WorkloadResult> results;
            p.println("runtime benchmark on the " + s + " server (" + (quick ? "quick" : "full") + "), load average "
                    + facts.get("load_average"));
            p.println("columns: hand-written / interpreter");
            try (BenchServer bench = BenchServer.open(s)) {
                RuntimeBenchmark benchmark = new RuntimeBenchmark(bench, p);
                RuntimeBenchmark.ColdStart cold = benchmark.coldStart();
                p.println(cold.describe());
                notes.add(cold.describe());
                String budget = "events a plan's budget { duration 1h } adds to a 3-call chain (interpreter): "
                        + benchmark.durationBudgetEvents();
                p.println(budget);
                notes.add(budget);
                results = benchmark.run(Workload.standard(quick));
            }
            notes.add("load average at the end: " + MachineFacts.loadAverage());
            Path file = out.resolve("runtime-" + s + ".csv");
            RuntimeResults.write(file, facts, notes, results);
            p.println("wrote " + file);
        }
        return ExitCode.OK;
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Replay time of ~1,000- and ~10,000-event histories, interpreter vs hand-written.")
    int replay(@Option(names = "--quick", description = "Fewer replays.") boolean quick) {
        Map<String, String> facts = MachineFacts.now();
        List<ReplayBenchmark.Row> rows = new ReplayBenchmark(progress()).run(
                List.of(ReplayBenchmark.CALLS_1K, ReplayBenchmark.CALLS_10K), quick ? 3 : 10, quick ? 5 : 30);
        Path file = out.resolve("replay.csv");
        ReplayBenchmark.write(file, facts, rows);
        progress().println("wrote " + file);
        return ExitCode.OK;
    }

    @Command(name = "per-call", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"The per-call cost of a loop of echo calls on the stack 'agentplan server' runs,",
                "with its worker non-sticky (as it was) and sticky (as it is now)."})
    int perCall(@Option(names = "--calls", defaultValue = "3000", description = "Calls per run (default: ${DEFAULT-VALUE}).")
                int calls,
                @Option(names = "--worker", defaultValue = "both", paramLabel = "non-sticky|sticky|both",
                        description = "Which worker (default: ${DEFAULT-VALUE}).") String worker) {
        if (calls < 1) {
            throw new CliException(ExitCode.USAGE, "--calls must be at least 1");
        }
        if (!List.of("non-sticky", "sticky", "both").contains(worker)) {
            throw new CliException(ExitCode.USAGE, "--worker must be non-sticky, sticky or both, not " + worker);
        }
        Map<String, String> facts = MachineFacts.now();
        List<PerCallBenchmark.Result> results = new ArrayList<>();
        if (!worker.equals("sticky")) {
            results.add(PerCallBenchmark.run(true, calls, progress()));
        }
        if (!worker.equals("non-sticky")) {
            results.add(PerCallBenchmark.run(false, calls, progress()));
        }
        Path file = out.resolve("per-call-standalone.csv");
        PerCallBenchmark.write(file, facts, results);
        progress().println("wrote " + file);
        return ExitCode.OK;
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"A loop of 100,000 echo calls across continue-as-new: segments, largest segment, memory.",
                "Takes minutes."})
    int scale(@Option(names = "--calls", defaultValue = "100000", description = "How many calls (default: ${DEFAULT-VALUE}).")
              int calls,
              @Option(names = "--server", defaultValue = "standalone", paramLabel = "embedded|standalone",
                      description = "Which server (default: ${DEFAULT-VALUE}: keeps the server's memory out of the worker's).")
              String server,
              @Option(names = "--hand-written", description = "Also run the hand-written workflow's loop, after the interpreter's.")
              boolean handWritten) {
        if (calls < 1) {
            throw new CliException(ExitCode.USAGE, "--calls must be at least 1");
        }
        Map<String, String> facts = MachineFacts.now();
        List<ScaleBenchmark.Result> results = new ArrayList<>();
        try (BenchServer bench = BenchServer.open(server)) {
            BenchWorker.register(bench.workerFactory());
            bench.start();
            RunStarter starter = new RunStarter(bench.client());
            results.add(ScaleBenchmark.run(bench, starter, Side.INTERPRETER, calls, progress()));
            if (handWritten) {
                results.add(ScaleBenchmark.run(bench, starter, Side.HAND_WRITTEN, calls, progress()));
            }
        }
        Path file = out.resolve("scale.csv");
        ScaleBenchmark.write(file, facts, results);
        progress().println("wrote " + file);
        return ExitCode.OK;
    }

    @Command(name = "startup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"CLI start-up: wall time and peak RSS of validate and run, with AppCDS and C1 variants.",
                "Next to a bare 'java -version'. Build the jar first (mvn -o -q -B package -DskipTests)."})
    int startup(@Option(names = "--jar", defaultValue = "target/agentplan.jar", description = "default: ${DEFAULT-VALUE}")
                Path jar,
                @Option(names = "--plan", defaultValue = "definitions/local_health_check.agent",
                        description = "The plan 'run' runs (default: ${DEFAULT-VALUE}).") Path plan,
                @Option(names = "--runs", defaultValue = "10", description = "Measured runs per row (default: ${DEFAULT-VALUE}).")
                int runs,
                @Option(names = "--launcher-only", description = "Only the launcher next to the trivial picocli jar.")
                boolean launcherOnly) {
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new CliException(ExitCode.NOT_FOUND, "no jar at " + jar
                    + ": build it first with 'mvn -o -q -B package -DskipTests'");
        }
        if (runs < 1) {
            throw new CliException(ExitCode.USAGE, "--runs must be at least 1");
        }
        Map<String, String> facts = MachineFacts.now();
        List<StartupBenchmark.Row> rows = new StartupBenchmark(jar, Path.of("."), plan, runs, progress()).run(launcherOnly);
        Path file = out.resolve("startup.csv");
        StartupBenchmark.write(file, facts, rows, runs);
        progress().println("wrote " + file);
        return ExitCode.OK;
    }
}
