package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;

/** Short human names of steps for diff lines: {@code issue = ticket(...)}, {@code approve restart_ok}. */
final class StepLabels {

    private static final int EXPR = 40;

    private StepLabels() {
    }

    static String of(Step step) {
        return step.accept(LABEL);
    }

    private static final Step.Visitor<String> LABEL = new Step.Visitor<>() {
        @Override
        public String visitCall(Step.CallStep s) {
            return bound(s.bind()) + s.call().tool() + "(...)";
        }

        @Override
        public String visitIf(Step.IfStep s) {
            return s.branches().isEmpty() ? "if" : "if " + Text.clip(Text.expr(s.branches().get(0).condition()), EXPR);
        }

        @Override
        public String visitForEach(Step.ForEachStep s) {
            return "for each " + s.variable() + " in " + Text.clip(Text.expr(s.items()), EXPR);
        }

        @Override
        public String visitWhile(Step.WhileStep s) {
            return "while " + Text.clip(Text.expr(s.condition()), EXPR);
        }

        @Override
        public String visitHandle(Step.HandleStep s) {
            return "on " + s.handler().kind().keyword() + " " + Text.quote(s.handler().event()) + (s.leave() ? " leave" : "");
        }

        @Override
        public String visitParallel(Step.ParallelStep s) {
            return bound(s.bind()) + "parallel " + Text.value(s.mode());
        }

        @Override
        public String visitWait(Step.WaitStep s) {
            return "wait " + Text.duration(s.duration());
        }

        @Override
        public String visitAwaitSignal(Step.AwaitSignalStep s) {
            return bound(s.bind()) + "await signal " + Text.quote(s.signal());
        }

        @Override
        public String visitApprove(Step.ApproveStep s) {
            return "approve " + s.name();
        }

        @Override
        public String visitSet(Step.SetStep s) {
            return "set " + s.variable();
        }

        @Override
        public String visitTry(Step.TryStep s) {
            return "try";
        }

        @Override
        public String visitFail(Step.FailStep s) {
            return "fail " + Text.clip(Text.expr(s.reason()), EXPR);
        }

        @Override
        public String visitAssert(Step.AssertStep s) {
            return "assert " + Text.clip(Text.expr(s.condition()), EXPR);
        }

        @Override
        public String visitModelLoop(Step.ModelLoopStep s) {
            return bound(s.bind()) + "loop " + s.model() + " [" + String.join(", ", s.toolNames()) + "]";
        }

        @Override
        public String visitRunAgent(Step.RunAgentStep s) {
            return bound(s.bind()) + "run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref()) + "(...)";
        }
    };

    private static String bound(String bind) {
        return bind == null ? "" : bind + " = ";
    }
}
