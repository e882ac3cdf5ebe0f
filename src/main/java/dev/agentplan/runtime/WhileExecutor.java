package dev.agentplan.runtime;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.ResumeFrame.LoopFrame;

/**
 * {@code while cond max N { … }}: each iteration's top is a safe point; resumable with a
 * {@link LoopFrame} holding the iteration (the condition is evaluated again on resuming).
 */
final class WhileExecutor implements StepExecutor<Step.WhileStep> {

    /** The bound of a {@code while} without {@code max} (such plans fail validation; this is a backstop). */
    static final int DEFAULT_WHILE_BOUND = 1000;

    private final RunContext run;
    private final Walker walker;

    WhileExecutor(RunContext run, Walker walker) {
        this.run = run;
        this.walker = walker;
    }

    @Override
    public int execute(Step.WhileStep s, StepContext c) {
        Frame f = c.frame();
        Frames frames = run.frames();
        String path = c.path();
        LoopFrame resumed = frames.take(f, LoopFrame.class, path);
        int bound = s.maxIterations() != null ? s.maxIterations() : DEFAULT_WHILE_BOUND;
        String body = c.body(BodyNames.BODY);
        try {
            for (int k = resumed != null ? resumed.iteration() : 0; ; k++) {
                frames.at(f, new LoopFrame(path, k, null));
                frames.safePoint(f);
                if (!run.evaluator().condition(s.condition(), f.scope())) {
                    return 0;
                }
                if (k >= bound) {
                    throw PlanError.of(ErrorTypes.LOOP_BOUND_EXCEEDED, "the while loop at " + Walker.where(path, c.line())
                            + " is still true after its bound of " + bound + " iterations", path, c.line());
                }
                walker.runBody(s.body(), body, f.inIteration(path, k));
            }
        } finally {
            frames.leave(f, LoopFrame.class, path);
        }
    }
}
