package dev.agentplan.repository.diff;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;

/**
 * How a step runs its bodies, as far as resuming a paused run goes: which of its parts a run
 * paused at it, or inside it, may have run or may still run. Decided per kind (exhaustive), so a
 * new kind must say how it runs before a compatibility verdict can cover it.
 */
enum BodyRuns {
    /** No bodies, or one body run once (a handler block). */
    ONCE,
    /** One of several bodies (an if): paused at it, none has run yet. */
    CHOICE,
    /** A body run again or bodies run side by side (loops, parallel): any part may run. */
    REPEATED,
    /** A try: paused at it, nothing has run yet; once a catch or finally runs, the other parts may have. */
    GUARDED;

    static BodyRuns of(Step step) {
        return step.accept(KIND);
    }

    /** Paused at this step, whether its bodies count as run (an if or a try is only starting). */
    boolean pausedCoversBodies() {
        return this == ONCE || this == REPEATED;
    }

    /** Paused inside the body {@code bodyName} of this step, whether its other bodies may run too. */
    boolean coversAllBodies(String bodyName) {
        return this == REPEATED || this == GUARDED && !BodyNames.TRY.equals(bodyName);
    }

    private static final Step.Visitor<BodyRuns> KIND = new Step.Visitor<>() {
        @Override
        public BodyRuns visitCall(Step.CallStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitIf(Step.IfStep s) {
            return CHOICE;
        }

        @Override
        public BodyRuns visitForEach(Step.ForEachStep s) {
            return REPEATED;
        }

        @Override
        public BodyRuns visitWhile(Step.WhileStep s) {
            return REPEATED;
        }

        @Override
        public BodyRuns visitParallel(Step.ParallelStep s) {
            return REPEATED;
        }

        @Override
        public BodyRuns visitWait(Step.WaitStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitAwaitSignal(Step.AwaitSignalStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitApprove(Step.ApproveStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitSet(Step.SetStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitTry(Step.TryStep s) {
            return GUARDED;
        }

        @Override
        public BodyRuns visitHandle(Step.HandleStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitModelLoop(Step.ModelLoopStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitFail(Step.FailStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitAssert(Step.AssertStep s) {
            return ONCE;
        }

        @Override
        public BodyRuns visitRunAgent(Step.RunAgentStep s) {
            return ONCE;
        }
    };
}
