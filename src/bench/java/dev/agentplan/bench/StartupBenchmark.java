package dev.agentplan.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CLI start-up: wall time and peak resident memory of {@code java -jar agentplan.jar validate}
 * on a small file and of {@code run} on the local health check (when the jar has a run command),
 * next to a bare {@code java -version}, each with cheap JVM start-up options: C1 only
 * ({@code -XX:TieredStopAtLevel=1}), an application class-data archive (AppCDS, JDK 17 style:
 * {@code -XX:ArchiveClassesAtExit} on a training run, then {@code -XX:SharedArchiveFile}), both,
 * and the serial collector.
 */
public final class StartupBenchmark {

    /** One command with one set of JVM options, measured {@code runs} times. */
    public record Row(String command, String variant, int runs, double medianMillis, double minMillis,
                      double medianPeakRssMib, int exitCode, String note) {
    }

    private final Path jar;
    private final Path workDir;
    private final Path runPlan;
    private final int runs;
    private final PrintWriter progress;

    public StartupBenchmark(Path jar, Path workDir, Path runPlan, int runs, PrintWriter progress) {
        this.jar = jar.toAbsolutePath();
        this.workDir = workDir;
        this.runPlan = runPlan;
        this.runs = runs;
        this.progress = progress;
    }

    public List<Row> run() {
        return run(false);
    }

    /** All rows, or with {@code launcherOnly} just the launcher and its baseline. */
    public List<Row> run(boolean launcherOnly) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar + ": build it with 'mvn -o -q -B package -DskipTests'");
        }
        List<Row> rows = new ArrayList<>();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("agentplan-bench-startup");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path small = tmp.resolve("small.agent");
            Files.writeString(small, BenchPlans.text(Shape.CHAIN, 3, 0));
            if (launcherOnly) {
                rows.addAll(launcherAgainstTrivialCli(small));
                return rows;
            }
            rows.add(measure("java -version", "default", List.of(), List.of("-version")));
            rows.add(measure("java -version", "TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"),
                    List.of("-version")));
            List<String> validate = List.of("-jar", jar.toString(), "validate", small.toString());
            rows.addAll(variants("validate small.agent", validate, tmp.resolve("validate.jsa")));
            rows.addAll(launcherAgainstTrivialCli(small));
            if (hasRunCommand()) {
                List<String> run = List.of("-jar", jar.toString(), "run", runPlan.toString());
                rows.addAll(variants("run " + runPlan.getFileName(), run, tmp.resolve("run.jsa")));
            } else {
                rows.add(new Row("run " + runPlan.getFileName(), "n/a", 0, Double.NaN, Double.NaN, Double.NaN, -1,
                        "the jar has no 'run' command yet"));
                say(rows.get(rows.size() - 1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(tmp);
        }
    }

    private List<Row> variants(String name, List<String> args, Path archive) {
        List<Row> rows = new ArrayList<>();
        rows.add(measure(name, "default", List.of(), args));
        rows.add(measure(name, "TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"), args));
        rows.add(measure(name, "SerialGC", List.of("-XX:+UseSerialGC"), args));
        ChildRun.Measured training = ChildRun.run(java(List.of("-XX:ArchiveClassesAtExit=" + archive), args), workDir, 300);
        if (!Files.isRegularFile(archive)) {
            Row failed = new Row(name, "AppCDS", 0, Double.NaN, Double.NaN, Double.NaN, training.exitCode(),
                    "the training run wrote no archive: " + oneLine(training.output()));
            say(failed);
            rows.add(failed);
            return rows;
        }
        String note = String.format(Locale.ROOT, "archive %.1f MiB from one training run (%.0f ms)",
                archive.toFile().length() / 1048576.0, training.wallMillis());
        rows.add(withNote(measure(name, "AppCDS", List.of("-XX:SharedArchiveFile=" + archive), args), note));
        rows.add(withNote(measure(name, "AppCDS+TieredStopAtLevel=1", List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:TieredStopAtLevel=1"), args), note));
        rows.add(withNote(measure(name, "AppCDS+TieredStopAtLevel=1+SerialGC", List.of("-XX:SharedArchiveFile="
                + archive, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args), note));
        return rows;
    }

    /** The jar or classes directory a class was loaded from. */
    private static String where(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    /**
     * What a user feels: the launcher {@code mvn package} made beside the jar, running {@code validate}, next to
     * the cheapest possible picocli program on the same JVM and jar ({@link TrivialCli} printing its version),
     * as a ratio. TrivialCli itself comes from the bench jar (or classes directory), added after the product jar.
     */
    private List<Row> launcherAgainstTrivialCli(Path small) {
        List<Row> rows = new ArrayList<>();
        Row trivial = measure("trivial picocli --version", "default",
                List.of(), List.of("-cp", jar + java.io.File.pathSeparator + where(TrivialCli.class),
                        TrivialCli.class.getName(), "--version"));
        rows.add(trivial);
        Path launcher = jar.resolveSibling("agentplan");
        if (!Files.isRegularFile(launcher)) {
            Row none = new Row("launcher validate small.agent", "n/a", 0, Double.NaN, Double.NaN, Double.NaN, -1,
                    "no launcher beside the jar: build with 'mvn package'");
            say(none);
            rows.add(none);
            return rows;
        }
        boolean archived = Files.isRegularFile(jar.resolveSibling("agentplan.jsa"));
        Row viaLauncher = measureCommand("launcher validate small.agent", archived ? "launcher (AppCDS)" : "launcher",
                List.of("sh", launcher.toString(), "validate", small.toString()));
        Row withRatio = withNote(viaLauncher, String.format(Locale.ROOT, "x%.2f the trivial picocli jar at the median",
                viaLauncher.medianMillis() / trivial.medianMillis()));
        if (progress != null) {
            progress.println("startup ratio: launcher validate / trivial picocli --version = "
                    + withRatio.note().replaceAll("^x([0-9.]+).*", "$1") + " (median)");
            progress.flush();
        }
        rows.add(withRatio);
        return rows;
    }

    private Row measure(String name, String variant, List<String> jvmOptions, List<String> args) {
        return measureCommand(name, variant, java(jvmOptions, args));
    }

    private Row measureCommand(String name, String variant, List<String> command) {
        List<Double> walls = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        int exit = 0;
        String output = "";
        ChildRun.run(command, workDir, 300); // one unmeasured run: page cache, file system
        for (int i = 0; i < runs; i++) {
            ChildRun.Measured m = ChildRun.run(command, workDir, 300);
            walls.add(m.wallMillis());
            if (m.peakRssKib() > 0) {
                rss.add(m.peakRssKib() / 1024.0);
            }
            exit = Math.max(exit, m.exitCode());
            output = m.output();
        }
        Row row = new Row(name, variant, runs, Stats.median(walls), walls.stream().mapToDouble(d -> d).min().orElse(0),
                Stats.median(rss), exit, exit == 0 ? "" : "exit " + exit + ": " + oneLine(output));
        say(row);
        return row;
    }

    private static List<String> java(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJava.javaBinary());
        command.addAll(jvmOptions);
        command.addAll(args);
        return command;
    }

    private boolean hasRunCommand() {
        ChildRun.Measured help = ChildRun.run(java(List.of(), List.of("-jar", jar.toString(), "--help")), workDir, 60);
        return help.output().lines().anyMatch(l -> l.trim().startsWith("run ") || l.trim().equals("run"));
    }

    private static Row withNote(Row r, String note) {
        return new Row(r.command(), r.variant(), r.runs(), r.medianMillis(), r.minMillis(), r.medianPeakRssMib(),
                r.exitCode(), r.note().isEmpty() ? note : r.note() + "; " + note);
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    private void say(Row r) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, "startup %-28s %-36s median %7.0f ms  min %7.0f ms  peak RSS %6.1f MiB%s",
                    r.command(), r.variant(), r.medianMillis(), r.minMillis(), r.medianPeakRssMib(),
                    r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
            progress.flush();
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    public static void write(Path file, Map<String, String> facts, List<Row> rows, int runs) {
        CsvFile csv = new CsvFile("command", "variant", "runs", "median_wall_ms", "min_wall_ms", "median_peak_rss_mib",
                "exit_code", "note");
        csv.note("each row: one unmeasured run, then " + runs + " measured runs as child processes; peak RSS "
                + (ChildRun.usesTimeBinary() ? "from /usr/bin/time %M" : "from polling the child's VmHWM"));
        for (Row r : rows) {
            csv.row(r.command(), r.variant(), r.runs(), r.medianMillis(), r.minMillis(), r.medianPeakRssMib(),
                    r.exitCode(), r.note());
        }
        csv.write(file, facts);
    }
}
