package dev.agentplan.bench;

import java.util.List;

/**
 * One runtime benchmark workload.
 *
 * @param name how results name it ({@code chain10}, {@code concurrent16x10}, …)
 * @param n calls per run (FOREACH: items)
 * @param concurrency FOREACH's bound (0 otherwise)
 * @param runsAtOnce how many runs one round starts together (1: one run at a time)
 * @param warmupRounds rounds per side before measuring
 * @param rounds measured rounds per side, interleaved A/B then B/A
 */
public record Workload(String name, Shape shape, int n, int concurrency, int runsAtOnce, int warmupRounds,
                       int rounds) {

    /** Tool calls one run makes. */
    public int callsPerRun() {
        return n;
    }

    /** The benchmark's workloads: full sizes, or {@code quick} with fewer rounds. */
    public static List<Workload> standard(boolean quick) {
        int f = quick ? 1 : 4;
        return List.of(
                new Workload("chain10", Shape.CHAIN, 10, 0, 1, 10 * f, 15 * f),
                new Workload("chain100", Shape.CHAIN, 100, 0, 1, 2 * f, 5 * f),
                new Workload("fanout10", Shape.FANOUT, 10, 0, 1, 10 * f, 15 * f),
                new Workload("fanout100", Shape.FANOUT, 100, 0, 1, 2 * f, 5 * f),
                new Workload("foreach1000x10", Shape.FOREACH, 1000, 10, 1, 1, quick ? 2 : 6),
                new Workload("concurrent16x10", Shape.CHAIN, 10, 0, 16, 2 * f, 3 * f));
    }

    /** Tiny sizes for the smoke test: every shape once per side, no warm-up beyond one round. */
    public static List<Workload> smoke() {
        return List.of(
                new Workload("chain3", Shape.CHAIN, 3, 0, 1, 0, 1),
                new Workload("fanout3", Shape.FANOUT, 3, 0, 1, 0, 1),
                new Workload("foreach3x2", Shape.FOREACH, 3, 2, 1, 0, 1),
                new Workload("concurrent2x3", Shape.CHAIN, 3, 0, 2, 0, 1));
    }
}
