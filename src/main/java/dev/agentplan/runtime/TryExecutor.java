package dev.agentplan.runtime;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.ResumeFrame.TryFrame;
import java.util.List;

/**
 * {@code try { … } catch … { … } finally { … }}: resumable with a {@link TryFrame} holding the
 * phase, the catch clause running and, in {@code finally}, the error to raise again afterwards.
 */
final class TryExecutor implements StepExecutor<Step.TryStep> {

    static final String TRY = "try";
    static final String CATCH = "catch";
    static final String FINALLY = "finally";

    private final RunContext run;
    private final Walker walker;

    TryExecutor(RunContext run, Walker walker) {
        this.run = run;
        this.walker = walker;
    }

    @Override
    public int execute(Step.TryStep s, StepContext c) {
        Frame f = c.frame();
        Frames frames = run.frames();
        String path = c.path();
        TryFrame resumed = frames.take(f, TryFrame.class, path);
        String phase = resumed == null ? TRY : resumed.phase();
        int catchIndex = resumed == null ? -1 : resumed.catchIndex();
        PlanError pending = resumed != null && resumed.pending() != null ? new PlanError(resumed.pending()) : null;
        try {
            if (phase.equals(TRY)) {
                frames.at(f, new TryFrame(path, TRY, -1, null));
                try {
                    walker.runBody(s.body(), c.body(BodyNames.TRY), f);
                } catch (PlanError e) {
                    catchIndex = matchingCatch(s, e);
                    if (catchIndex < 0) {
                        pending = e;
                    } else {
                        phase = CATCH;
                        c.bind(s.catches().get(catchIndex).variable(), Walker.errorValue(e.info()));
                    }
                }
            }
            if (phase.equals(CATCH)) {
                frames.at(f, new TryFrame(path, CATCH, catchIndex, null));
                try {
                    walker.runBody(s.catches().get(catchIndex).body(), c.body(BodyNames.catchClause(catchIndex)), f);
                } catch (PlanError e) {
                    pending = e;
                }
            }
            // Cancellation skips finally (it propagates as CanceledFailure); compensations clean up instead.
            if (!s.finallyBody().isEmpty()) {
                frames.at(f, new TryFrame(path, FINALLY, -1, pending == null ? null : pending.info()));
                walker.runBody(s.finallyBody(), c.body(BodyNames.FINALLY), f);
            }
            if (pending != null) {
                throw pending;
            }
        } finally {
            frames.leave(f, TryFrame.class, path);
        }
        return 0;
    }

    private static int matchingCatch(Step.TryStep s, PlanError e) {
        for (int c = 0; c < s.catches().size(); c++) {
            List<String> types = s.catches().get(c).errorTypes();
            if (types.isEmpty() || types.contains(e.type())) {
                return c;
            }
        }
        return -1;
    }
}
