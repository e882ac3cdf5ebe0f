package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;

/** Short human names of steps for diff lines: {@code issue = ticket(...)}, {@code approve restart_ok}. */
final class StepLabels {

    private static final int EXPR = 40;

    private StepLabels() {
    }

    static String of(Step step) {
        if (step instanceof Step.CallStep s) {
            return bound(s.bind()) + s.call().tool() + "(...)";
        }
        if (step instanceof Step.IfStep s) {
            return s.branches().isEmpty() ? "if" : "if " + Text.clip(Text.expr(s.branches().get(0).condition()), EXPR);
        }
        if (step instanceof Step.ForEachStep s) {
            return "for each " + s.variable() + " in " + Text.clip(Text.expr(s.items()), EXPR);
        }
        if (step instanceof Step.WhileStep s) {
            return "while " + Text.clip(Text.expr(s.condition()), EXPR);
        }
        if (step instanceof Step.HandleStep s) {
            return "on " + s.handler().kind().keyword() + " " + Text.quote(s.handler().event()) + (s.leave() ? " leave" : "");
        }
        if (step instanceof Step.ParallelStep s) {
            return bound(s.bind()) + "parallel " + Text.value(s.mode());
        }
        if (step instanceof Step.WaitStep s) {
            return "wait " + Text.duration(s.duration());
        }
        if (step instanceof Step.AwaitSignalStep s) {
            return bound(s.bind()) + "await signal " + Text.quote(s.signal());
        }
        if (step instanceof Step.ApproveStep s) {
            return "approve " + s.name();
        }
        if (step instanceof Step.SetStep s) {
            return "set " + s.variable();
        }
        if (step instanceof Step.TryStep) {
            return "try";
        }
        if (step instanceof Step.FailStep s) {
            return "fail " + Text.clip(Text.expr(s.reason()), EXPR);
        }
        if (step instanceof Step.ModelLoopStep s) {
            return bound(s.bind()) + "loop " + s.model() + " [" + String.join(", ", s.toolNames()) + "]";
        }
        if (step instanceof Step.RunAgentStep s) {
            return bound(s.bind()) + "run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref()) + "(...)";
        }
        return step.getClass().getSimpleName();
    }

    private static String bound(String bind) {
        return bind == null ? "" : bind + " = ";
    }
}
