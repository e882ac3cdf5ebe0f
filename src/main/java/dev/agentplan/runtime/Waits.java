package dev.agentplan.runtime;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting that honours cancellation. {@code Workflow.await} alone would not notice a cancelled
 * scope (and with a timeout its cancelled timer would look like a timeout), so the scope's state
 * is part of every condition.
 */
final class Waits {

    /**
     * Since this change a wait with a timeout starts its own timer, which carries a summary (the
     * timer of {@code Workflow.await(timeout, …)} can have none). Runs from before it replay the
     * old way: whether the SDK's await cancels its timer depends on SDK flags of the history.
     */
    static final String SUMMARISED_WAIT_TIMERS = "agentplan-summarised-wait-timers";

    private Waits() {
    }

    /**
     * @param timeout null to wait without limit
     * @param summary what the timeout's timer is for, shown in Temporal's UI and read back by
     *     {@code agentplan history}; null without a timeout
     * @return true when the condition holds, false when the timeout passed first
     * @throws CanceledFailure when the enclosing scope is cancelled while waiting
     */
    static boolean until(Duration timeout, String summary, Supplier<Boolean> condition) {
        CancellationScope scope = CancellationScope.current();
        Supplier<Boolean> wake = () -> scope.isCancelRequested() || condition.get();
        if (timeout == null) {
            Workflow.await(wake);
        } else if (Workflow.getVersion(SUMMARISED_WAIT_TIMERS, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            Workflow.await(timeout, wake);
        } else {
            awaitWithTimer(timeout, summary, wake);
        }
        if (scope.isCancelRequested()) {
            throw new CanceledFailure("cancelled while waiting");
        }
        return condition.get(); // woken by the condition, or the timeout passed (false unless it holds now)
    }

    /**
     * {@code Workflow.await(timeout, wake)} with a timer of our own: no timer when the condition
     * already holds, and the timer is cancelled once the condition wakes the wait first. Its scope
     * is a child of the current one, so cancelling the wait's scope cancels the timer too.
     */
    private static void awaitWithTimer(Duration timeout, String summary, Supplier<Boolean> wake) {
        if (wake.get()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Promise<Void>[] timer = new Promise[1];
        TimerOptions options = TimerOptions.newBuilder().setSummary(summary).build();
        CancellationScope timerScope = Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(timeout, options));
        timerScope.run();
        Workflow.await(() -> timer[0].isCompleted() || wake.get());
        if (!timer[0].isCompleted()) {
            timerScope.cancel("the wait is over");
        }
    }
}
