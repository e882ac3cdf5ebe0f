package dev.agentplan.cli;

import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.RunClient;
import java.time.Duration;
import java.util.function.Predicate;

/** Polls a run's status through the client, as the CLI's {@code status} does, until it satisfies a condition. */
public final class StatusPolling {

    private StatusPolling() {
    }

    /** The first status that satisfies {@code until}; fails with the last status seen when none does {@code within}. */
    public static RunStatus await(RunClient client, String runId, Predicate<RunStatus> until, Duration within)
            throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        RunStatus s = null;
        while (System.nanoTime() < end) {
            try {
                s = client.status(runId);
                if (until.test(s)) {
                    return s;
                }
            } catch (RuntimeException notYet) {
                // the first workflow task has not run yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " never got there; last status " + s);
    }
}
