package dev.agentplan.bench;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replay time of recorded histories, interpreter vs hand-written, for a loop of calls long
 * enough for about 1,000 and about 10,000 events (the latter across the continue-as-new segments
 * both sides make when the server suggests it). Two ways to replay:
 * <ul>
 * <li>{@code fresh}: {@link WorkflowReplayer#replayWorkflowExecution} as documented, which builds a
 *     whole test environment per call (the interpreter has no no-argument constructor, so its
 *     worker is built by {@link AgentWorker} in a fresh environment the same way);
 * <li>{@code reused}: one replay worker per side, kept across replays.
 * </ul>
 * Replays alternate between the sides; every replay covers all segments of the execution.
 */
public final class ReplayBenchmark {

    /** Calls for about 1,000 and about 10,000 events (5 + 6 per call in one segment). */
    public static final int CALLS_1K = 166;
    public static final int CALLS_10K = 1666;

    public enum Mode { FRESH, REUSED }

    /** One replay measurement. */
    /** @param decodeMillis mean time per replay the interpreter spent decoding its plan (0 for hand-written) */
    public record Row(String history, Side side, Mode mode, int segments, long events, long bytes, int replays,
                      double medianMillis, double p95Millis, double decodeMillis) {

        public double millisPer1000Events() {
            return medianMillis / (events / 1000.0);
        }
    }

    /** Built once: a replay never calls a tool, and discovering tools is no part of replaying. */
    private static final ToolActivity TOOLS = new ToolActivity();

    private final PrintWriter progress;

    public ReplayBenchmark(PrintWriter progress) {
        this.progress = progress;
    }

    /** Records the histories on an embedded server, then replays them. */
    public List<Row> run(List<Integer> callCounts, int warmups, int replays) {
        Map<Integer, Map<Side, List<WorkflowExecutionHistory>>> histories = record(callCounts);
        List<Row> rows = new ArrayList<>();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker reused = BenchWorker.register(env.getWorkerFactory());
            for (int calls : callCounts) {
                String name = "loop" + calls;
                for (Mode mode : Mode.values()) {
                    Map<Side, List<Double>> times = new EnumMap<>(Side.class);
                    long decodeNanos = 0;
                    for (Side side : Side.values()) {
                        times.put(side, new ArrayList<>());
                    }
                    for (int r = 0; r < warmups + replays; r++) {
                        for (Side side : r % 2 == 0 ? List.of(Side.HAND_WRITTEN, Side.INTERPRETER)
                                : List.of(Side.INTERPRETER, Side.HAND_WRITTEN)) {
                            long d0 = PinnedPlans.decodeNanos();
                            double ms = replay(histories.get(calls).get(side), side, mode, reused);
                            if (r >= warmups) {
                                times.get(side).add(ms);
                                decodeNanos += PinnedPlans.decodeNanos() - d0;
                            }
                        }
                    }
                    for (Side side : Side.values()) {
                        HistoryStats stats = HistoryStats.of(histories.get(calls).get(side));
                        Row row = new Row(name, side, mode, stats.segmentCount(), stats.events(), stats.bytes(), replays,
                                Stats.median(times.get(side)), Stats.percentile(times.get(side), 95),
                                side == Side.INTERPRETER ? decodeNanos / 1e6 / replays : 0);
                        rows.add(row);
                        say(row);
                    }
                }
            }
        }
        return rows;
    }

    private Map<Integer, Map<Side, List<WorkflowExecutionHistory>>> record(List<Integer> callCounts) {
        Map<Integer, Map<Side, List<WorkflowExecutionHistory>>> out = new java.util.HashMap<>();
        try (BenchServer server = BenchServer.open("embedded")) {
            BenchWorker.register(server.workerFactory());
            server.start();
            RunStarter starter = new RunStarter(server.client());
            for (Side side : Side.values()) {
                // a warm worker first: a cold first workflow task can exceed the deadlock detection and be retried
                starter.start(side, Shape.LOOP, 3, 0).latencyMillis();
            }
            for (int calls : callCounts) {
                Map<Side, List<WorkflowExecutionHistory>> bySide = new EnumMap<>(Side.class);
                for (Side side : Side.values()) {
                    StartedRun run = starter.start(side, Shape.LOOP, calls, 0);
                    run.latencyMillis();
                    bySide.put(side, HistoryStats.fetch(server.client(), run.workflowId(), run.firstRunId()).segments());
                }
                out.put(calls, bySide);
            }
        }
        return out;
    }

    /** Replays every segment once; returns the milliseconds it took. */
    private static double replay(List<WorkflowExecutionHistory> segments, Side side, Mode mode, Worker reused) {
        long t0 = System.nanoTime();
        try {
            for (WorkflowExecutionHistory h : segments) {
                if (mode == Mode.REUSED) {
                    WorkflowReplayer.replayWorkflowExecution(h, reused);
                } else if (side == Side.HAND_WRITTEN) {
                    WorkflowReplayer.replayWorkflowExecution(h, HandWrittenWorkflowImpl.class);
                } else {
                    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
                        Worker worker = AgentWorker.create(env.getWorkerFactory(), AgentWorker.Config.of(
                                h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getTaskQueue().getName(),
                                false, PinnedPlans.decoder(), TOOLS, null));
                        WorkflowReplayer.replayWorkflowExecution(h, worker);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(side.label + " replay failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private void say(Row r) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, "replay %-9s %-12s %-6s %d segment(s) %6d events %8d bytes  "
                            + "median %8.2f ms  p95 %8.2f ms  %6.2f ms per 1,000 events  plan decode %.1f ms", r.history(),
                    r.side().label, r.mode().name().toLowerCase(), r.segments(), r.events(), r.bytes(), r.medianMillis(),
                    r.p95Millis(), r.millisPer1000Events(), r.decodeMillis()));
            progress.flush();
        }
    }

    public static void write(java.nio.file.Path file, Map<String, String> facts, List<Row> rows) {
        CsvFile csv = new CsvFile("history", "side", "mode", "segments", "events", "bytes", "replays", "median_ms",
                "p95_ms", "ms_per_1000_events", "ratio_interpreter_per_hand_written", "ip_plan_decode_ms_per_replay");
        csv.note("fresh = WorkflowReplayer.replayWorkflowExecution with a new test environment per replay; "
                + "reused = one replay worker kept across replays; every replay covers all continue-as-new segments");
        csv.note("fresh replays of the interpreter decode the pinned plan once per segment (a fresh worker's decoder "
                + "has an empty memo); ip_plan_decode_ms_per_replay is that time, inside median_ms");
        for (Row r : rows) {
            Row hand = rows.stream().filter(o -> o.history().equals(r.history()) && o.mode() == r.mode()
                    && o.side() == Side.HAND_WRITTEN).findFirst().orElse(r);
            csv.row(r.history(), r.side().label, r.mode().name().toLowerCase(), r.segments(), r.events(), r.bytes(),
                    r.replays(), r.medianMillis(), r.p95Millis(), r.millisPer1000Events(),
                    r.side() == Side.INTERPRETER ? WorkloadResult.ratio(r.millisPer1000Events(), hand.millisPer1000Events())
                            : null, r.side() == Side.INTERPRETER ? r.decodeMillis() : null);
        }
        csv.write(file, facts);
    }
}
