package dev.agentplan.runtime;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * {@link ParallelRunner}'s bounded lanes, run as promise work: the calling thread starts each lane
 * and resumes it when its activity settled, with no workflow thread per lane (a thread per lane is
 * what made parallel work slower than a hand-written workflow). Same bound, same join modes, same
 * cancellation (one scope for the group), and the same commands in the same order as the thread
 * path, which runs lanes in their start order after the dispatcher: this one settles the lanes whose
 * activities completed in index order, then starts the next lanes, then waits.
 */
final class PromiseRunner {

    private final int count;
    private final int cap;
    private final boolean first;
    private final IntFunction<PromiseLane> start;
    private final ParallelRunner.State st;
    private final PromiseLane[] lanes;
    /** The lanes started and not yet finished, in index order. */
    private final List<Integer> inFlight = new ArrayList<>();
    private int next;
    private CancellationScope group;

    private PromiseRunner(int count, int limit, boolean first, IntFunction<PromiseLane> start) {
        this.count = count;
        this.cap = Math.max(1, Math.min(limit, ParallelRunner.CAP));
        this.first = first;
        this.start = start;
        this.st = new ParallelRunner.State(count);
        this.lanes = new PromiseLane[count];
    }

    /** {@link ParallelRunner#run} for lanes that can run as promise work; the same result and throws. */
    static int run(int count, int limit, boolean first, IntFunction<PromiseLane> start, IntFunction<String> label,
                   String step, String line) {
        CancellationScope outer = CancellationScope.current();
        PromiseRunner r = new PromiseRunner(count, limit, first, start);
        r.group = Workflow.newCancellationScope(() -> r.pump(outer));
        r.group.run();
        ParallelRunner.State st = r.st;
        if (outer.isCancelRequested()) {
            throw new CanceledFailure("cancelled");
        }
        if (first && st.winner >= 0) {
            return st.winner;
        }
        if (st.firstFailure != null && (!first || !(st.firstFailure instanceof PlanError))) {
            throw st.firstFailure;
        }
        if (first && !st.failureOrder.isEmpty()) {
            throw ParallelRunner.allFailed(st, label, step, line);
        }
        return -1;
    }

    /** Runs the lanes until none is in flight (in the group's scope, so their activities are its). */
    private void pump(CancellationScope outer) {
        boolean versionAsked = false;
        try {
            while (true) {
                settleReady();
                if (!st.stop && !group.isCancelRequested()) {
                    startNext();
                }
                if (st.stop && !versionAsked && next < count) {
                    // Where the thread path's dispatcher, still holding items, sees the group stopped.
                    versionAsked = true;
                    if (outer.isCancelRequested() || Workflow.getVersion("agentplan-parallel-stop-is-not-cancel",
                            Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                        throw new CanceledFailure("cancelled");
                    }
                }
                if (inFlight.isEmpty() && (st.stop || next == count)) {
                    return;
                }
                if (anyReady() || (!st.stop && next < count && st.running < cap)) {
                    // settled while the lanes ran (a cancellation), or lanes that finished at once left room
                    continue;
                }
                if (!st.stop) {
                    // throws once the group is cancelled from outside (the run, or an enclosing lane)
                    Workflow.await(this::anyReady);
                } else {
                    // stopped by a lane: wait for the others to settle, as the thread path does outside the group
                    awaitDetached(() -> anyReady() || outer.isCancelRequested());
                    if (outer.isCancelRequested()) {
                        throw new CanceledFailure("cancelled");
                    }
                }
            }
        } catch (CanceledFailure e) {
            if (!inFlight.isEmpty()) {
                // The lanes' threads would go on settling after the dispatcher left; so does this one.
                Async.procedure(this::drain);
            }
            throw e;
        }
    }

    /** Lets the lanes left in flight settle (in the cancelled group's scope, so they schedule nothing). */
    private void drain() {
        while (!inFlight.isEmpty()) {
            awaitDetached(this::anyReady);
            settleReady();
        }
    }

    private void startNext() {
        int from = next;
        while (next < count && st.running < cap) {
            st.running++;
            next++;
        }
        // All are counted before any runs, as the thread path creates its threads before they run.
        for (int i = from; i < next; i++) {
            inFlight.add(i);
            lanes[i] = start.apply(i);
            advance(i);
        }
    }

    /** Resumes each lane whose activity settled, in index order. */
    private void settleReady() {
        Integer[] now = inFlight.toArray(new Integer[0]);
        for (int i : now) {
            PromiseLane lane = lanes[i];
            if (lane != null && lane.ready()) {
                advance(i);
            }
        }
    }

    private boolean anyReady() {
        for (int i : inFlight) {
            if (lanes[i].ready()) {
                return true;
            }
        }
        return false;
    }

    /** One lane walks on; when it finished, what the thread path's lane thread does at its end. */
    private void advance(int index) {
        try {
            if (!lanes[index].advance()) {
                return;
            }
            if (first && st.winner < 0) {
                st.winner = index;
                st.stop = true;
                group.cancel("another lane won");
            }
        } catch (CanceledFailure lost) {
            // a lost race, a failure elsewhere, or the run's cancellation: nothing to record
        } catch (PlanError e) {
            st.errors[index] = e;
            st.failureOrder.add(index);
            ParallelRunner.failed(st, e, first, group);
        } catch (RuntimeException e) {
            ParallelRunner.failed(st, e, false, group); // an interpreter fault always stops the group
        }
        lanes[index] = null;
        inFlight.remove(Integer.valueOf(index));
        st.running--;
    }

    /** Waits without being interrupted by the group's cancellation (the condition watches for what matters). */
    private static void awaitDetached(BooleanSupplier condition) {
        Workflow.newDetachedCancellationScope(() -> Workflow.await(condition::getAsBoolean)).run();
    }
}
