package dev.agentplan.server;

import dev.agentplan.model.Step;
import java.time.Duration;
import java.util.List;

/**
 * What a run waiting at a step waits on, for naming history events: the timer the step starts and
 * who may decide the gates it opens. Decided per kind (exhaustive), so a new kind that waits must
 * say so here before run views can name its timers.
 *
 * @param timerPurpose what the step's timer is for ({@code approval publish_ok timeout}), or null: it starts none
 * @param timer the timer's length, or null when not known from the plan
 * @param oneTimer whether the step has at most one timer, so the step alone names it (a model loop
 *     has one per proposed call, and the timer's own summary says which)
 * @param approvers who may decide the step's gates (empty: anyone), or null: it opens none
 */
record StepWait(String timerPurpose, Duration timer, boolean oneTimer, List<String> approvers) {

    private static final StepWait NONE = new StepWait(null, null, false, null);

    static StepWait of(String path, Step step) {
        return step.accept(new Visitor(path));
    }

    private record Visitor(String path) implements Step.Visitor<StepWait> {
        @Override
        public StepWait visitApprove(Step.ApproveStep s) {
            return new StepWait("approval " + s.name() + " timeout", s.timeout(), true, s.approvers());
        }

        @Override
        public StepWait visitAwaitSignal(Step.AwaitSignalStep s) {
            return new StepWait("signal " + s.signal() + " timeout", s.timeout(), true, null);
        }

        @Override
        public StepWait visitWait(Step.WaitStep s) {
            return new StepWait("wait at step " + path, s.duration(), true, null);
        }

        @Override
        public StepWait visitModelLoop(Step.ModelLoopStep s) {
            return new StepWait("timeout of a call proposed at step " + path, s.approvalTimeoutOrDefault(), false,
                    s.approvers());
        }

        @Override
        public StepWait visitCall(Step.CallStep s) {
            return NONE; // retries back off inside the activity, not on workflow timers
        }

        @Override
        public StepWait visitRunAgent(Step.RunAgentStep s) {
            return NONE; // the child run's timers are in its own history
        }

        @Override
        public StepWait visitIf(Step.IfStep s) {
            return NONE;
        }

        @Override
        public StepWait visitForEach(Step.ForEachStep s) {
            return NONE;
        }

        @Override
        public StepWait visitWhile(Step.WhileStep s) {
            return NONE;
        }

        @Override
        public StepWait visitParallel(Step.ParallelStep s) {
            return NONE;
        }

        @Override
        public StepWait visitSet(Step.SetStep s) {
            return NONE;
        }

        @Override
        public StepWait visitTry(Step.TryStep s) {
            return NONE;
        }

        @Override
        public StepWait visitHandle(Step.HandleStep s) {
            return NONE;
        }

        @Override
        public StepWait visitFail(Step.FailStep s) {
            return NONE;
        }

        @Override
        public StepWait visitAssert(Step.AssertStep s) {
            return NONE;
        }
    }
}
