package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.eval.Values;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Runs tasks in workflow threads with a bound on how many are in flight, inside one cancellation
 * scope. Join modes: ALL (the first failure cancels the others and fails the whole) and FIRST
 * (the first success cancels the others; fails only when every task failed). It always waits
 * for every started task to settle before returning, so nothing runs on behind the walk's back.
 * Lanes whose bodies wait for nothing but tool calls run without threads in {@link PromiseRunner},
 * which issues the same commands in the same order; this is the path for everything else.
 */
final class ParallelRunner {

    /** The most tasks in flight whatever a plan asks (a workflow task scheduling thousands of activities fails). */
    static final int CAP = 100;

    private ParallelRunner() {
    }

    /** What the lanes did, shared by the thread path and {@link PromiseRunner}. */
    static final class State {
        int running;
        boolean stop;
        int winner = -1;
        RuntimeException firstFailure;
        final PlanError[] errors;
        final List<Integer> failureOrder = new ArrayList<>();

        State(int count) {
            errors = new PlanError[count];
        }
    }

    /** @return the winning task for FIRST, -1 for ALL */
    static int run(int count, int limit, boolean first, IntConsumer task, IntFunction<String> label,
                   String step, String line) {
        CancellationScope outer = CancellationScope.current();
        int cap = Math.max(1, Math.min(limit, CAP));
        State st = new State(count);
        CancellationScope[] group = new CancellationScope[1];
        group[0] = Workflow.newCancellationScope(() -> {
            for (int i = 0; i < count; i++) {
                Workflow.await(() -> st.running < cap || st.stop || group[0].isCancelRequested());
                if (st.stop || group[0].isCancelRequested()) {
                    break;
                }
                int index = i;
                st.running++;
                Async.procedure(() -> {
                    try {
                        task.accept(index);
                        if (first && st.winner < 0) {
                            st.winner = index;
                            st.stop = true;
                            group[0].cancel("another lane won");
                        }
                    } catch (CanceledFailure lost) {
                        // a lost race, a failure elsewhere, or the run's cancellation: nothing to record
                    } catch (PlanError e) {
                        st.errors[index] = e;
                        st.failureOrder.add(index);
                        failed(st, e, first, group[0]);
                    } catch (RuntimeException e) {
                        failed(st, e, false, group[0]); // an interpreter fault always stops the group
                    } finally {
                        st.running--;
                    }
                });
            }
        });
        try {
            group[0].run();
        } catch (CanceledFailure stopped) {
            // The dispatch loop's await throws once the group is cancelled by a failure or a winner
            // while items are still queued: that is this step stopping, not the run being cancelled.
            if (!st.stop || outer.isCancelRequested() || Workflow.getVersion("agentplan-parallel-stop-is-not-cancel",
                    Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                throw stopped;
            }
        }
        Workflow.await(() -> st.running == 0);
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
            throw allFailed(st, label, step, line);
        }
        return -1;
    }

    static void failed(State st, RuntimeException e, boolean first, CancellationScope group) {
        if (st.firstFailure == null) {
            st.firstFailure = e;
        }
        if (!first) {
            st.stop = true;
            group.cancel("another task failed");
        }
    }

    static PlanError allFailed(State st, IntFunction<String> label, String step, String line) {
        StringBuilder message = new StringBuilder("every lane failed");
        ObjectNode details = Values.NODES.objectNode();
        for (int i : st.failureOrder) {
            ErrorInfo e = st.errors[i].info();
            message.append(i == st.failureOrder.get(0) ? ": " : "; ").append(label.apply(i)).append(": ")
                    .append(e.type()).append(": ").append(e.message());
            details.set(label.apply(i), Walker.errorValue(e));
        }
        PlanError firstError = st.errors[st.failureOrder.get(0)];
        return PlanError.of(firstError.type(), message.toString(), step, line, details);
    }
}
