package dev.agentplan.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the runtime benchmark's results, one row per workload with both sides and their ratios. */
public final class RuntimeResults {

    private RuntimeResults() {
    }

    public static void write(Path file, Map<String, String> facts, List<String> notes, List<WorkloadResult> results) {
        CsvFile csv = new CsvFile("server", "workload", "calls_per_run", "runs_per_side",
                "hw_runs_per_s", "ip_runs_per_s", "ratio_runs_per_s",
                "hw_median_ms", "ip_median_ms", "ratio_median",
                "hw_p95_ms", "ip_p95_ms", "ratio_p95",
                "hw_ms_per_step", "ip_ms_per_step",
                "hw_events_per_run", "ip_events_per_run", "hw_events_min_max", "ip_events_min_max",
                "hw_bytes_per_run", "ip_bytes_per_run", "ratio_bytes",
                "hw_start_event_bytes", "ip_start_event_bytes",
                "ip_plan_decodes_per_run", "ip_plan_decode_ms_per_run",
                "event_difference", "events_equal_or_task_batching_only", "task_failures");
        csv.note("ratio_* = interpreter / hand-written (runs/s: below 1 is slower; latency and bytes: above 1 is more)");
        csv.note("latency = client start() to result; ms_per_step = median latency / calls per run");
        csv.note("events and bytes: mean per run over the measured runs, all continue-as-new segments; "
                + "bytes = protobuf size of the fetched history");
        csv.note("ip_plan_decode_*: calls of the interpreter's plan decoder (the production JsonPlanDecoder, memoised by "
                + "the JSON text) per run, made in the first workflow task of each workflow instance, and their time, "
                + "which is inside the interpreter's latency");
        notes.forEach(csv::note);
        for (WorkloadResult r : results) {
            SideFigures h = r.hand();
            SideFigures i = r.interpreter();
            int calls = r.workload().callsPerRun();
            csv.row(r.server(), r.workload().name(), calls, h.runs(),
                    h.runsPerSecond(), i.runsPerSecond(), r.throughputRatio(),
                    h.medianMillis(), i.medianMillis(), r.latencyRatio(),
                    h.p95Millis(), i.p95Millis(), r.p95Ratio(),
                    h.msPerStep(calls), i.msPerStep(calls),
                    h.eventsPerRun(), i.eventsPerRun(), h.minEvents() + "-" + h.maxEvents(),
                    i.minEvents() + "-" + i.maxEvents(),
                    h.bytesPerRun(), i.bytesPerRun(), r.bytesRatio(),
                    h.startEventBytes(), i.startEventBytes(),
                    r.decodesPerRun(), r.decodeMillisPerRun(),
                    r.eventDifference(), r.eventsEqualOrOnlyTaskBatching(),
                    String.join(" | ", concat(h.taskFailures(), i.taskFailures())));
        }
        csv.write(file, facts);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream().map(s -> "hand-written: " + s),
                b.stream().map(s -> "interpreter: " + s)).toList();
    }
}
