package dev.agentplan.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code agentplan bench …}: the benchmarks are not in the product jar. This entry point loads
 * their command ({@code dev.agentplan.bench.BenchCli}) from the class path when it is there (test
 * class path) or else from {@code agentplan-bench.jar} beside {@code agentplan.jar} (made by
 * {@code mvn package}), and hands it every argument, {@code --help} included.
 */
@Command(name = "bench",
        description = {"Benchmarks: the interpreter next to a hand-written Temporal workflow, and CLI start-up.",
            "Needs agentplan-bench.jar beside agentplan.jar ('mvn -B -q package -DskipTests' makes both);",
            "'agentplan bench --help' lists them."})
public final class BenchCommand implements Callable<Integer> {

    static final String BENCH_CLASS = "dev.agentplan.bench.BenchCli";
    static final String BENCH_JAR = "agentplan-bench.jar";

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        ClassLoader loader = benchLoader(BenchCommand.class.getClassLoader(), productJar());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            CommandLine bench = new CommandLine(instantiate(loader));
            bench.setCommandName("agentplan bench");
            bench.setOut(spec.commandLine().getOut());
            bench.setErr(spec.commandLine().getErr());
            bench.setExecutionExceptionHandler(new UserFacingErrors());
            return bench.execute(args.toArray(String[]::new));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * {@code own} when it has the bench classes, else a loader over the bench jar beside
     * {@code productJar}. Never closed: the benchmark runs until the process ends.
     */
    static ClassLoader benchLoader(ClassLoader own, Path productJar) {
        if (own.getResource(BENCH_CLASS.replace('.', '/') + ".class") != null) {
            return own;
        }
        Path benchJar = productJar == null ? null : productJar.resolveSibling(BENCH_JAR);
        if (benchJar == null || !Files.isRegularFile(benchJar)) {
            throw new CliException(ExitCode.NOT_FOUND, "the benchmarks are not part of agentplan.jar and there is no "
                    + BENCH_JAR + (productJar == null ? "" : " beside " + productJar)
                    + ": build both with 'mvn -B -q package -DskipTests' and run target/agentplan bench");
        }
        try {
            return new URLClassLoader(new URL[] {benchJar.toUri().toURL()}, own);
        } catch (IOException e) {
            throw new CliException(ExitCode.NOT_FOUND, "cannot read " + benchJar + ": " + e.getMessage(), e);
        }
    }

    private static Object instantiate(ClassLoader loader) {
        try {
            return Class.forName(BENCH_CLASS, true, loader).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new CliException(ExitCode.NOT_FOUND, BENCH_JAR + " has no usable " + BENCH_CLASS
                    + " (" + e + "): rebuild it with 'mvn -B -q package -DskipTests'", e);
        }
    }

    /** The jar (or classes directory) this class came from. */
    private static Path productJar() {
        java.security.CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
        try {
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
