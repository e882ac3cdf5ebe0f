package dev.agentplan.runtime;

import dev.agentplan.model.Step;
import dev.agentplan.runtime.eval.ExpressionError;
import io.temporal.failure.CanceledFailure;

/**
 * What every step does around its own work, wherever it runs (a workflow thread walking a body,
 * or a lane run as promise work, see {@link PromiseLane}): a step log entry from start to finish,
 * the steps budget and count at its start, and the mapping of what it threw to what the walk sees.
 */
final class StepBookkeeping {

    private final RunContext run;

    StepBookkeeping(RunContext run) {
        this.run = run;
    }

    /** The step's log entry, running from now. */
    StepLog.Running start(Step step, String path, String line, Frame f) {
        return run.log().start(path, line, StepKinds.of(step), f.iterations(), run.now());
    }

    /** The steps budget and count, for a step that starts (not one resumed after continue-as-new). */
    void begin(String path, String line) {
        run.budgets().beforeStep(run.now(), path, line);
        run.stepStarted();
    }

    void ok(StepLog.Running r, String tool, int attempts) {
        run.log().finish(r, tool, attempts, "ok", run.now());
    }

    /**
     * Logs how the step ended and returns what to throw: an expression error becomes a plan error
     * naming the step's line; a plan error or a cancellation goes on as it is. Anything else is an
     * interpreter fault: it goes on unlogged.
     */
    RuntimeException failed(StepLog.Running r, String tool, String path, String line, Frame f, RuntimeException e) {
        if (e instanceof ExpressionError x) {
            // x.type(): ExpressionError, or LimitExceeded when a value or the evaluation got too big
            run.log().finish(r, tool, 0, "failed: " + x.type(), run.now());
            return PlanError.of(x.type(), (line.isEmpty() ? "" : line + ": ") + x.reason(), path, line);
        }
        if (e instanceof PlanError p) {
            run.log().finish(r, tool, 0, "failed: " + p.type(), run.now());
            return p;
        }
        if (e instanceof CanceledFailure) {
            run.log().finish(r, tool, 0, "cancelled", run.now());
            if (f.safe()) {
                run.stoppedAt(path, line); // lanes cancelled by a winner or a failure are not where the run stopped
            }
        }
        return e;
    }
}
