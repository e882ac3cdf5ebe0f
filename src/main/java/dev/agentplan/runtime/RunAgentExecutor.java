package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code [x =] run agent@ref(…)}: a child run (see {@link ChildRuns}). */
final class RunAgentExecutor implements StepExecutor<Step.RunAgentStep> {

    private final ChildRuns children;

    RunAgentExecutor(ChildRuns children) {
        this.children = children;
    }

    @Override
    public int execute(Step.RunAgentStep s, StepContext c) {
        c.bind(s.bind(), children.run(s, c.path(), c.line(), c.frame(), c.log()));
        return 0;
    }
}
