package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code assert condition [else "message"]}: error type {@code AssertionFailed}, catchable, unless it holds. */
final class AssertExecutor implements StepExecutor<Step.AssertStep> {

    private final RunContext run;

    AssertExecutor(RunContext run) {
        this.run = run;
    }

    @Override
    public int execute(Step.AssertStep s, StepContext c) {
        if (run.evaluator().condition(s.condition(), c.scope())) {
            return 0;
        }
        String message = s.message() != null ? run.evaluator().text(s.message(), c.scope())
                : "the assertion at " + Walker.where(c.path(), c.line()) + " does not hold";
        throw PlanError.of(ErrorTypes.ASSERTION_FAILED, message, c.path(), c.line());
    }
}
