package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code set name = expr}. */
final class SetExecutor implements StepExecutor<Step.SetStep> {

    private final RunContext run;

    SetExecutor(RunContext run) {
        this.run = run;
    }

    @Override
    public int execute(Step.SetStep s, StepContext c) {
        c.scope().set(s.variable(), run.evaluator().evaluate(s.value(), c.scope()));
        return 0;
    }
}
