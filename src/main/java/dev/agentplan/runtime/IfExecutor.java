package dev.agentplan.runtime;

import dev.agentplan.model.Step;
import java.util.List;

/**
 * {@code if … else if … else}: runs the first branch whose condition holds, else the else body.
 * A resumed run goes back into the branch it was in without evaluating the conditions again
 * (the variables they read may have changed since).
 */
final class IfExecutor implements StepExecutor<Step.IfStep> {

    private final RunContext run;
    private final Walker walker;

    IfExecutor(RunContext run, Walker walker) {
        this.run = run;
        this.walker = walker;
    }

    @Override
    public int execute(Step.IfStep s, StepContext c) {
        List<Step.Body> bodies = s.bodies(); // one per branch, then the else body
        for (Step.Body b : bodies) {
            if (run.frames().resumesBody(c.frame(), c.body(b.name()))) {
                walker.runBody(b.steps(), c.body(b.name()), c.frame());
                return 0;
            }
        }
        int n = s.branches().size();
        for (int b = 0; b < n; b++) {
            if (run.evaluator().condition(s.branches().get(b).condition(), c.scope())) {
                run(bodies.get(b), c);
                return 0;
            }
        }
        run(bodies.get(n), c);
        return 0;
    }

    private void run(Step.Body body, StepContext c) {
        walker.runBody(body.steps(), c.body(body.name()), c.frame());
    }
}
