package dev.agentplan.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Facts about the machine a result was measured on, written at the top of every results file. */
public final class MachineFacts {

    private MachineFacts() {
    }

    public static Map<String, String> now() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        facts.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        facts.put("load_average", loadAverage());
        return facts;
    }

    /** The 1, 5 and 15 minute load averages (other work on the machine skews the figures). */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException unavailable) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
        }
    }
}
