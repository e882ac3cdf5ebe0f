package dev.agentplan.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Both sides of one workload on one server, and how they compare.
 *
 * @param decodesPerRun how often the interpreter asked its decoder for the pinned plan per measured run
 *     (once per workflow instance: a run, a continue-as-new segment, or a replay after the worker's
 *     cache lost it; the production decoder answers repeats from its memo)
 * @param decodeMillisPerRun the time those calls took per run (inside the run's workflow tasks)
 */
public record WorkloadResult(String server, Workload workload, SideFigures hand, SideFigures interpreter,
                             double decodesPerRun, double decodeMillisPerRun) {

    /** interpreter / hand-written of a figure. */
    public static double ratio(double interpreter, double hand) {
        return hand == 0 ? Double.NaN : interpreter / hand;
    }

    public double latencyRatio() {
        return ratio(interpreter.medianMillis(), hand.medianMillis());
    }

    public double p95Ratio() {
        return ratio(interpreter.p95Millis(), hand.p95Millis());
    }

    public double throughputRatio() {
        return ratio(interpreter.runsPerSecond(), hand.runsPerSecond());
    }

    public double bytesRatio() {
        return ratio(interpreter.bytesPerRun(), hand.bytesPerRun());
    }

    /** Event types whose mean count per run differs, as {@code Type hand->interpreter}; empty when identical. */
    public String eventDifference() {
        Set<String> types = new TreeSet<>(hand.eventsByType().keySet());
        types.addAll(interpreter.eventsByType().keySet());
        StringBuilder out = new StringBuilder();
        for (String type : types) {
            double h = hand.eventsByType().getOrDefault(type, 0.0);
            double i = interpreter.eventsByType().getOrDefault(type, 0.0);
            if (Math.abs(h - i) > 1e-9) {
                out.append(out.length() == 0 ? "" : "; ").append(type).append(' ').append(fmt(h)).append("->")
                        .append(fmt(i));
            }
        }
        return out.toString();
    }

    /**
     * Whether every difference in events is only in how many workflow tasks there were, which for
     * parallel work depends on how activity completions happened to be batched (timing, not the code).
     */
    public boolean eventsEqualOrOnlyTaskBatching() {
        Map<String, Double> h = hand.eventsByType();
        Map<String, Double> i = interpreter.eventsByType();
        Set<String> types = new TreeSet<>(h.keySet());
        types.addAll(i.keySet());
        for (String type : types) {
            boolean differs = Math.abs(h.getOrDefault(type, 0.0) - i.getOrDefault(type, 0.0)) > 1e-9;
            if (differs && (workload.shape() == Shape.CHAIN || workload.shape() == Shape.LOOP
                    || !type.startsWith("WorkflowTask"))) {
                return false;
            }
        }
        return true;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
