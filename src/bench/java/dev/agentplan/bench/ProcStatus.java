package dev.agentplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory figures from {@code /proc/<pid>/status} (Linux); -1 where unavailable. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** Peak resident set size (VmHWM) in KiB. */
    static long peakRssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:");
    }

    static long selfPeakRssKib() {
        return field(Path.of("/proc/self/status"), "VmHWM:");
    }

    private static long field(Path status, String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            return -1;
        }
        return -1;
    }
}
