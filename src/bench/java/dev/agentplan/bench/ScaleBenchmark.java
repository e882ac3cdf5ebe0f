package dev.agentplan.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A loop of many echo calls (100,000 by default) that must complete across continue-as-new
 * segments: how many segments, the largest one (events and bytes), and the worker's peak memory.
 * Run against the standalone server so the worker's memory is not mixed with the server's (the
 * test server keeps every history in memory).
 */
public final class ScaleBenchmark {

    /**
     * @param segments continue-as-new segments (runs) of the execution
     * @param peakHeapUsedBytes highest heap in use seen by sampling every 200 ms
     * @param workerPeakRssKib VmHWM of this (worker) process at the end; includes the embedded server if one is used
     * @param serverPeakRssKib VmHWM of the standalone server process (-1 when embedded)
     */
    public record Result(String server, Side side, int calls, double seconds, int segments, long events, long bytes,
                         long largestSegmentEvents, long largestSegmentBytes, long peakHeapUsedBytes,
                         long peakNonHeapUsedBytes, long workerPeakRssKib, long serverPeakRssKib) {

        public double callsPerSecond() {
            return calls / seconds;
        }
    }

    private ScaleBenchmark() {
    }

    public static Result run(BenchServer server, RunStarter starter, Side side, int calls, PrintWriter progress) {
        System.gc();
        StartedRun run;
        double seconds;
        try (MemorySampler memory = new MemorySampler(200)) {
            run = starter.start(side, Shape.LOOP, calls, 0);
            seconds = run.latencyMillis() / 1000.0;
            memory.close();
            HistoryStats h = HistoryStats.fetch(server.client(), run.workflowId(), run.firstRunId());
            Result r = new Result(server.name(), side, calls, seconds, h.segmentCount(), h.events(), h.bytes(),
                    h.largestSegmentEvents(), h.largestSegmentBytes(), memory.peakHeapUsedBytes(),
                    memory.peakNonHeapUsedBytes(), ProcStatus.selfPeakRssKib(), server.serverPeakRssKib());
            if (progress != null) {
                progress.println(String.format(Locale.ROOT, "scale %s %s: %d calls in %.1f s (%.0f calls/s), %d segments, "
                                + "%d events, %d bytes; largest segment %d events, %d bytes; peak heap used %d MiB, "
                                + "worker VmHWM %d MiB, server VmHWM %s", r.server(), side.label, calls, seconds,
                        r.callsPerSecond(), r.segments(), r.events(), r.bytes(), r.largestSegmentEvents(),
                        r.largestSegmentBytes(), r.peakHeapUsedBytes() >> 20, r.workerPeakRssKib() >> 10,
                        r.serverPeakRssKib() < 0 ? "n/a" : (r.serverPeakRssKib() >> 10) + " MiB"));
                progress.flush();
            }
            return r;
        }
    }

    public static void write(Path file, Map<String, String> facts, List<Result> results) {
        CsvFile csv = new CsvFile("server", "side", "calls", "seconds", "calls_per_s", "segments", "events", "bytes",
                "largest_segment_events", "largest_segment_bytes", "peak_heap_used_mib", "peak_non_heap_used_mib",
                "worker_vmhwm_mib", "server_vmhwm_mib");
        csv.note("a sequential loop of echo calls; both sides continue as new when the server suggests it "
                + "(the Java test server: 4,096 events or 4 MiB)");
        csv.note("peak heap: sampled every 200 ms in the worker JVM; VmHWM: peak resident memory of the process");
        for (Result r : results) {
            csv.row(r.server(), r.side().label, r.calls(), r.seconds(), r.callsPerSecond(), r.segments(), r.events(),
                    r.bytes(), r.largestSegmentEvents(), r.largestSegmentBytes(), r.peakHeapUsedBytes() / 1048576.0,
                    r.peakNonHeapUsedBytes() / 1048576.0, r.workerPeakRssKib() / 1024.0,
                    r.serverPeakRssKib() < 0 ? null : r.serverPeakRssKib() / 1024.0);
        }
        csv.write(file, facts);
    }
}
