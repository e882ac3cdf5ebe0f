package dev.agentplan.bench;

import java.util.concurrent.CompletableFuture;

/**
 * A run the benchmark started.
 *
 * @param finished completes with the wall time (nanoTime) at which the client saw the result, or
 *     exceptionally when the run did not do what it should
 */
public record StartedRun(Side side, String workflowId, String firstRunId, long startNanos,
                         CompletableFuture<Long> finished, CompletableFuture<Integer> segments) {

    /** Waits for the result; milliseconds from start to result. */
    public double latencyMillis() {
        return (finished.join() - startNanos) / 1e6;
    }
}
