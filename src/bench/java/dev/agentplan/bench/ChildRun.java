package dev.agentplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process and measures its wall time and peak resident memory: with
 * {@code /usr/bin/time} when present (its {@code %M}), else by polling the child's VmHWM.
 */
final class ChildRun {

    private static final Path TIME = Path.of("/usr/bin/time");

    /** @param peakRssKib -1 when it could not be measured */
    record Measured(double wallMillis, long peakRssKib, int exitCode, String output) {
    }

    private ChildRun() {
    }

    static boolean usesTimeBinary() {
        return Files.isExecutable(TIME);
    }

    static Measured run(List<String> command, Path workDir, long timeoutSeconds) {
        try {
            Path log = Files.createTempFile("agentplan-bench-child", ".log");
            Path timeOut = Files.createTempFile("agentplan-bench-time", ".txt");
            try {
                List<String> full = new ArrayList<>();
                boolean timed = usesTimeBinary();
                if (timed) {
                    full.addAll(List.of(TIME.toString(), "-f", "%M", "-o", timeOut.toString()));
                }
                full.addAll(command);
                ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                long t0 = System.nanoTime();
                Process p = pb.start();
                long polled = -1;
                while (!p.waitFor(timed ? 1000 : 2, TimeUnit.MILLISECONDS)) {
                    if (!timed) {
                        polled = Math.max(polled, ProcStatus.peakRssKib(p.pid()));
                    }
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly().waitFor();
                        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
                    }
                }
                double wall = (System.nanoTime() - t0) / 1e6;
                long rss = timed ? lastNumber(Files.readString(timeOut)) : polled;
                String output = Files.readString(log);
                return new Measured(wall, rss, p.exitValue(), output.length() > 2000 ? output.substring(0, 2000) : output);
            } finally {
                Files.deleteIfExists(log);
                Files.deleteIfExists(timeOut);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** /usr/bin/time writes "Command exited with non-zero status N" before the figure when the child fails. */
    private static long lastNumber(String text) {
        String[] lines = text.trim().split("\n");
        try {
            return Long.parseLong(lines[lines.length - 1].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
