package dev.agentplan.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The same work run two ways on one server by one worker: the hand-written workflow and the
 * interpreter. Each workload warms up both sides, then measures rounds interleaved A/B, B/A, …
 * so drift (JIT, GC, other load on the machine) falls on both sides alike. Histories are fetched
 * after the measured rounds, outside the timings.
 */
public final class RuntimeBenchmark {

    private final BenchServer server;
    private final RunStarter starter;
    private final PrintWriter progress;

    /** Registers the bench worker on the server and starts it. */
    public RuntimeBenchmark(BenchServer server, PrintWriter progress) {
        this.server = server;
        this.progress = progress;
        BenchWorker.register(server.workerFactory());
        server.start();
        this.starter = new RunStarter(server.client());
    }

    /**
     * The first run of each side on this fresh worker, hand-written first (it pays the SDK's and
     * the JVM's start-up), then the interpreter (what it adds on top: decoding its first plan,
     * loading its classes). A cold workflow task longer than Temporal's 1 s deadlock detection
     * fails and is retried, which shows as task failures.
     */
    public ColdStart coldStart() {
        StartedRun hand = starter.start(Side.HAND_WRITTEN, Shape.CHAIN, 3, 0);
        double handMillis = hand.latencyMillis();
        StartedRun interpreter = starter.start(Side.INTERPRETER, Shape.CHAIN, 3, 0);
        double interpreterMillis = interpreter.latencyMillis();
        return new ColdStart(handMillis, interpreterMillis,
                HistoryStats.fetch(server.client(), hand.workflowId(), hand.firstRunId()).taskFailures(),
                HistoryStats.fetch(server.client(), interpreter.workflowId(), interpreter.firstRunId()).taskFailures());
    }

    /** The first runs on a fresh worker; task failures are the causes of failed workflow tasks. */
    public record ColdStart(double handMillis, double interpreterMillis, List<String> handTaskFailures,
                            List<String> interpreterTaskFailures) {

        public String describe() {
            return String.format(Locale.ROOT, "first run on a fresh worker: hand-written %.0f ms%s, then interpreter "
                    + "%.0f ms%s", handMillis, failures(handTaskFailures), interpreterMillis,
                    failures(interpreterTaskFailures));
        }

        private static String failures(List<String> f) {
            return f.isEmpty() ? "" : " (" + f.size() + " failed workflow task" + (f.size() == 1 ? "" : "s") + ": "
                    + f.stream().map(m -> m.length() > 160 ? m.substring(0, 160) + "…" : m).toList() + ")";
        }
    }

    /**
     * What a duration budget costs in events: the same 3-call chain with and without
     * {@code budget { duration 1h }}; returns the event types whose counts differ.
     */
    public String durationBudgetEvents() {
        String text = BenchPlans.withDurationBudget(BenchPlans.text(Shape.CHAIN, 3, 0));
        StartedRun with = starter.startInterpreter(PinnedPlans.pin("bench_chain_3_budget.agent", text), Shape.CHAIN, 3);
        with.latencyMillis();
        StartedRun without = starter.start(Side.INTERPRETER, Shape.CHAIN, 3, 0);
        without.latencyMillis();
        Map<String, Long> a = HistoryStats.fetch(server.client(), without.workflowId(), without.firstRunId()).eventsByType();
        Map<String, Long> b = HistoryStats.fetch(server.client(), with.workflowId(), with.firstRunId()).eventsByType();
        java.util.Set<String> types = new java.util.TreeSet<>(a.keySet());
        types.addAll(b.keySet());
        StringBuilder out = new StringBuilder();
        for (String t : types) {
            long d = b.getOrDefault(t, 0L) - a.getOrDefault(t, 0L);
            if (d != 0) {
                out.append(out.length() == 0 ? "" : ", ").append(d > 0 ? "+" : "").append(d).append(' ').append(t);
            }
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    public List<WorkloadResult> run(List<Workload> workloads) {
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload w : workloads) {
            results.add(run(w));
        }
        return results;
    }

    public WorkloadResult run(Workload w) {
        starter.plan(w.shape(), w.n(), w.concurrency()); // parse and pin before any timing
        for (int r = 0; r < w.warmupRounds(); r++) {
            for (Side side : order(r)) {
                round(side, w);
            }
        }
        Map<Side, List<Double>> latencies = new EnumMap<>(Side.class);
        Map<Side, Double> wall = new EnumMap<>(Side.class);
        Map<Side, List<StartedRun>> runs = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            latencies.put(side, new ArrayList<>());
            wall.put(side, 0.0);
            runs.put(side, new ArrayList<>());
        }
        long decodes = 0;
        long decodeNanos = 0;
        for (int r = 0; r < w.rounds(); r++) {
            for (Side side : order(r)) {
                long d0 = PinnedPlans.decodeCount();
                long n0 = PinnedPlans.decodeNanos();
                List<StartedRun> round = round(side, w);
                if (side == Side.INTERPRETER) {
                    decodes += PinnedPlans.decodeCount() - d0;
                    decodeNanos += PinnedPlans.decodeNanos() - n0;
                }
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (StartedRun run : round) {
                    latencies.get(side).add(run.latencyMillis());
                    first = Math.min(first, run.startNanos());
                    last = Math.max(last, run.finished().join());
                }
                wall.merge(side, (last - first) / 1e9, Double::sum);
                runs.get(side).addAll(round);
            }
        }
        Map<Side, SideFigures> figures = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            List<HistoryStats> histories = new ArrayList<>();
            for (StartedRun run : runs.get(side)) {
                histories.add(HistoryStats.fetch(server.client(), run.workflowId(), run.firstRunId()));
            }
            figures.put(side, SideFigures.of(side, latencies.get(side), wall.get(side), histories));
        }
        int interpreterRuns = figures.get(Side.INTERPRETER).runs();
        WorkloadResult result = new WorkloadResult(server.name(), w, figures.get(Side.HAND_WRITTEN),
                figures.get(Side.INTERPRETER), (double) decodes / interpreterRuns, decodeNanos / 1e6 / interpreterRuns);
        if (progress != null) {
            progress.println(summaryLine(result));
            progress.flush();
        }
        return result;
    }

    /** Starts the round's runs together and waits for all of them. */
    private List<StartedRun> round(Side side, Workload w) {
        List<StartedRun> started = new ArrayList<>(w.runsAtOnce());
        for (int i = 0; i < w.runsAtOnce(); i++) {
            started.add(starter.start(side, w.shape(), w.n(), w.concurrency()));
        }
        for (StartedRun run : started) {
            try {
                run.finished().join();
            } catch (CompletionException e) {
                throw new IllegalStateException(side.label + " run " + run.workflowId() + " failed: "
                        + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
            }
        }
        return started;
    }

    private static List<Side> order(int round) {
        return round % 2 == 0 ? List.of(Side.HAND_WRITTEN, Side.INTERPRETER) : List.of(Side.INTERPRETER, Side.HAND_WRITTEN);
    }

    static String summaryLine(WorkloadResult r) {
        return String.format(Locale.ROOT,
                "%-10s %-16s median %8.2f / %8.2f ms (x%.2f)  p95 %8.2f / %8.2f ms  runs/s %7.2f / %7.2f (x%.2f)  "
                        + "events %s / %s  bytes %.0f / %.0f  plan decode %.1f ms/run%s",
                r.server(), r.workload().name(), r.hand().medianMillis(), r.interpreter().medianMillis(),
                r.latencyRatio(), r.hand().p95Millis(), r.interpreter().p95Millis(), r.hand().runsPerSecond(),
                r.interpreter().runsPerSecond(), r.throughputRatio(), WorkloadResult.fmt(r.hand().eventsPerRun()),
                WorkloadResult.fmt(r.interpreter().eventsPerRun()), r.hand().bytesPerRun(), r.interpreter().bytesPerRun(),
                r.decodeMillisPerRun(), r.eventDifference().isEmpty() ? "" : "  [" + r.eventDifference() + "]")
                + (r.interpreter().taskFailures().isEmpty() && r.hand().taskFailures().isEmpty() ? ""
                : "  task failures: hand-written " + r.hand().taskFailures() + ", interpreter "
                + r.interpreter().taskFailures());
    }
}
