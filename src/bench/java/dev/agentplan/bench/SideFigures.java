package dev.agentplan.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One side's measurements of one workload.
 *
 * @param runs measured runs
 * @param runsPerSecond measured runs / wall time of the measured rounds
 * @param medianMillis median start-to-result latency of one run
 * @param p95Millis 95th percentile of the same
 * @param eventsPerRun mean history events per run (all continue-as-new segments)
 * @param bytesPerRun mean serialized history bytes per run
 * @param startEventBytes mean size of the start event(s) (they carry the input: for the interpreter, the pinned plan)
 * @param eventsByType mean events per run by event type
 */
public record SideFigures(Side side, int runs, double runsPerSecond, double medianMillis, double p95Millis,
                          double eventsPerRun, long minEvents, long maxEvents, double bytesPerRun,
                          double startEventBytes, double segmentsPerRun, Map<String, Double> eventsByType,
                          List<String> taskFailures) {

    public double msPerStep(int callsPerRun) {
        return medianMillis / callsPerRun;
    }

    static SideFigures of(Side side, List<Double> latencies, double wallSeconds, List<HistoryStats> histories) {
        Map<String, Double> byType = new TreeMap<>();
        double events = 0;
        double bytes = 0;
        double start = 0;
        double segments = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        java.util.Set<String> failures = new java.util.LinkedHashSet<>();
        for (HistoryStats h : histories) {
            h.taskFailures().forEach(f -> failures.add(f.length() > 300 ? f.substring(0, 300) + "…" : f));
            events += h.events();
            bytes += h.bytes();
            start += h.startEventBytes();
            segments += h.segmentCount();
            min = Math.min(min, h.events());
            max = Math.max(max, h.events());
            h.eventsByType().forEach((type, count) -> byType.merge(type, (double) count, Double::sum));
        }
        int k = Math.max(1, histories.size());
        byType.replaceAll((type, total) -> total / k);
        return new SideFigures(side, latencies.size(), latencies.size() / wallSeconds, Stats.median(latencies),
                Stats.percentile(latencies, 95), events / k, histories.isEmpty() ? 0 : min, max, bytes / k, start / k,
                segments / k, byType,
                List.copyOf(failures));
    }
}
