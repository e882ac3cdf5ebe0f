package dev.agentplan.runtime;

import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting that honours cancellation. {@code Workflow.await} alone would not notice a cancelled
 * scope (and with a timeout its cancelled timer would look like a timeout), so the scope's state
 * is part of every condition.
 */
final class Waits {

    private Waits() {
    }

    /**
     * @param timeout null to wait without limit
     * @return true when the condition holds, false when the timeout passed first
     * @throws CanceledFailure when the enclosing scope is cancelled while waiting
     */
    static boolean until(Duration timeout, Supplier<Boolean> condition) {
        CancellationScope scope = CancellationScope.current();
        Supplier<Boolean> wake = () -> scope.isCancelRequested() || condition.get();
        if (timeout == null) {
            Workflow.await(wake);
        } else {
            Workflow.await(timeout, wake);
        }
        if (scope.isCancelRequested()) {
            throw new CanceledFailure("cancelled while waiting");
        }
        return condition.get(); // woken by the condition, or the timeout passed (false unless it holds now)
    }
}
