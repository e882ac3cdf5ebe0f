package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code fail "reason"}: error type {@code PlanFailed}, catchable. */
final class FailExecutor implements StepExecutor<Step.FailStep> {

    private final RunContext run;

    FailExecutor(RunContext run) {
        this.run = run;
    }

    @Override
    public int execute(Step.FailStep s, StepContext c) {
        String reason = s.reason() == null ? "the plan failed" : run.evaluator().text(s.reason(), c.scope());
        throw PlanError.of(ErrorTypes.PLAN_FAILED, reason, c.path(), c.line());
    }
}
