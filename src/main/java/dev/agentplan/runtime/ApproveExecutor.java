package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code approve name { … }} (see {@link Gates#approve}). */
final class ApproveExecutor implements StepExecutor<Step.ApproveStep> {

    private final Gates gates;

    ApproveExecutor(Gates gates) {
        this.gates = gates;
    }

    @Override
    public int execute(Step.ApproveStep s, StepContext c) {
        gates.approve(s, c.path(), c.line(), c.frame(), c.log());
        return 0;
    }
}
