package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code parallel all|first { lane … }}: the lanes run in workflow threads (see {@link Parallel}). */
final class ParallelExecutor implements StepExecutor<Step.ParallelStep> {

    private final Parallel parallel;

    ParallelExecutor(Parallel parallel) {
        this.parallel = parallel;
    }

    @Override
    public int execute(Step.ParallelStep s, StepContext c) {
        c.bind(s.bind(), parallel.lanes(s, c.path(), c.line(), c.frame()));
        return 0;
    }
}
