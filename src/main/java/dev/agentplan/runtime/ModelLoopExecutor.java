package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/**
 * {@code [x =] loop MODEL { … }} (see {@link ModelLoops}). Resumable: at the top of each turn it
 * saves a {@link ResumeFrame.ModelLoopFrame} with the conversation so far.
 */
final class ModelLoopExecutor implements StepExecutor<Step.ModelLoopStep> {

    private final ModelLoops models;

    ModelLoopExecutor(ModelLoops models) {
        this.models = models;
    }

    @Override
    public int execute(Step.ModelLoopStep s, StepContext c) {
        c.bind(s.bind(), models.run(s, c.path(), c.line(), c.frame(), c.log()));
        return 0;
    }
}
