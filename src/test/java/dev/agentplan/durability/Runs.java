package dev.agentplan.durability;

import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.function.Predicate;

/** Client-side helpers for talking to a run while it waits. */
final class Runs {

    private Runs() {
    }

    static RunStatus status(WorkflowStub stub) {
        return stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
    }

    /**
     * Polls the status query until {@code until} holds (fails after {@code within}). A query that
     * fails (no worker polls yet, say) is asked again.
     */
    static RunStatus awaitStatus(WorkflowStub stub, Predicate<RunStatus> until, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                RunStatus s = status(stub);
                if (until.test(s)) {
                    return s;
                }
                last = s;
            } catch (WorkflowException e) { // includes WorkflowServiceException (no worker answered yet)
                last = e;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("run " + stub.getExecution().getWorkflowId() + " never got there; last status " + last);
    }

    /** Sends an update and waits for its outcome. */
    static <R> R update(WorkflowStub stub, String name, Class<R> type, Object arg) {
        return stub.startUpdate(UpdateOptions.newBuilder(type).setUpdateName(name)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), arg).getResult();
    }
}
