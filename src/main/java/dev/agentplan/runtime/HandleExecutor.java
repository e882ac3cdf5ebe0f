package dev.agentplan.runtime;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.ResumeFrame.BodyFrame;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

/**
 * {@code on signal|update … { … }}: runs the body while the handler holds. With {@code leave}, the
 * body runs in its own cancellation scope, which an event of the handler cancels: that ends the
 * step normally, unless the run itself is being cancelled too. Resumes through its body's frame.
 */
final class HandleExecutor implements StepExecutor<Step.HandleStep> {

    private final RunContext run;
    private final Walker walker;

    HandleExecutor(RunContext run, Walker walker) {
        this.run = run;
        this.walker = walker;
    }

    @Override
    public int execute(Step.HandleStep s, StepContext c) {
        Frame f = c.frame();
        String body = c.body(BodyNames.BODY);
        boolean resumed = run.frames().resumesBody(f, body);
        Intents.Active handler = run.intents().enter(s, c.path(), f.scope(), run.evaluator(), resumed, run.now());
        try {
            if (!s.leave()) {
                walker.runBody(s.body(), body, f);
                return 0;
            }
            if (handler.left) {
                run.frames().take(f, BodyFrame.class, body); // left on a buffered event before the body started
                return 0;
            }
            CancellationScope scope = Workflow.newCancellationScope(() -> walker.runBody(s.body(), body, f));
            handler.body = scope;
            try {
                scope.run();
            } catch (CanceledFailure e) {
                if (!handler.left || CancellationScope.current().isCancelRequested()) {
                    throw e;
                }
                run.clearStopped();
            }
        } finally {
            run.intents().exit(handler);
        }
        return 0;
    }
}
