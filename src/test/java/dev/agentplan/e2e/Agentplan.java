package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the built jar ({@code -Dagentplan.jar}, set by failsafe) in separate processes, and keeps
 * track of every process it started so {@link #close} can kill what is left.
 */
final class Agentplan implements AutoCloseable {

    record Result(int exit, String out, String err, long millis) {

        @Override
        public String toString() {
            return "exit " + exit + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A long-running command ({@code server}, or a {@code run} that waits), with its output in files. */
    record Background(Process process, Path outFile, Path errFile) {

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        /** Waits until stdout or stderr contains {@code text}; fails with both when it does not in time. */
        void await(String text, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                if (out().contains(text) || err().contains(text)) {
                    return;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("never printed '" + text + "'\n--- stdout\n" + out() + "--- stderr\n" + err());
        }
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Path jar;
    private final Path scratch;
    private final List<Process> started = new ArrayList<>();

    Agentplan(Path scratch) {
        String property = System.getProperty("agentplan.jar");
        assertTrue(property != null && Files.isRegularFile(Path.of(property)),
                "the built jar is needed: run with mvn verify (agentplan.jar=" + property + ")");
        this.jar = Path.of(property);
        this.scratch = scratch;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Background b = start(args);
        if (!b.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            b.process().destroyForcibly();
            throw new AssertionError("agentplan " + String.join(" ", args) + " did not end in " + COMMAND_TIMEOUT
                    + "\n--- stdout\n" + b.out() + "--- stderr\n" + b.err());
        }
        return new Result(b.process().exitValue(), b.out(), b.err(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts a command and returns at once; stdin is empty (not a terminal). */
    Background start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** Runs a command to its end with extra environment variables. */
    Result run(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Background b = start(env, args);
        if (!b.process().waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            b.process().destroyForcibly();
            throw new AssertionError("agentplan " + String.join(" ", args) + " did not end in " + COMMAND_TIMEOUT
                    + "\n--- stdout\n" + b.out() + "--- stderr\n" + b.err());
        }
        return new Result(b.process().exitValue(), b.out(), b.err(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts a command with extra environment variables and returns at once. */
    Background start(java.util.Map<String, String> env, String... args) throws IOException {
        int n = SEQ.incrementAndGet();
        Path out = scratch.resolve("p" + n + ".out");
        Path err = scratch.resolve("p" + n + ".err");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().remove("AGENTPLAN_ADDRESS");
        pb.environment().remove("AGENTPLAN_NAMESPACE");
        pb.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_"));
        pb.environment().putAll(env);
        pb.environment().put("AGENTPLAN_HOME", scratch.resolve("default-home").toString());
        Process p = pb.start();
        synchronized (started) {
            started.add(p);
        }
        return new Background(p, out, err);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every process this started that is still alive. */
    @Override
    public void close() {
        synchronized (started) {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            for (Process p : started) {
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            started.clear();
        }
    }
}
