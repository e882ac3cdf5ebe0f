package dev.agentplan.runtime;

import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.model.Step;

/** The kind names the step log shows ({@code StepLogEntry.kind}); durable: status readers and tests match them. */
final class StepKinds implements Step.Visitor<String> {

    private static final StepKinds NAMES = new StepKinds();

    private StepKinds() {
    }

    static String of(Step step) {
        return step.accept(NAMES);
    }

    @Override
    public String visitCall(Step.CallStep s) {
        return "call";
    }

    @Override
    public String visitIf(Step.IfStep s) {
        return "if";
    }

    @Override
    public String visitForEach(Step.ForEachStep s) {
        return s.parallel() ? "for_each_parallel" : "for_each";
    }

    @Override
    public String visitWhile(Step.WhileStep s) {
        return "while";
    }

    @Override
    public String visitParallel(Step.ParallelStep s) {
        return s.mode() == Step.JoinMode.FIRST ? "parallel_first" : "parallel_all";
    }

    @Override
    public String visitWait(Step.WaitStep s) {
        return "wait";
    }

    @Override
    public String visitAwaitSignal(Step.AwaitSignalStep s) {
        return "await_signal";
    }

    @Override
    public String visitApprove(Step.ApproveStep s) {
        return "approve";
    }

    @Override
    public String visitSet(Step.SetStep s) {
        return "set";
    }

    @Override
    public String visitTry(Step.TryStep s) {
        return "try";
    }

    @Override
    public String visitHandle(Step.HandleStep s) {
        return "on_" + s.handler().kind().keyword();
    }

    @Override
    public String visitModelLoop(Step.ModelLoopStep s) {
        return "loop";
    }

    @Override
    public String visitFail(Step.FailStep s) {
        return "fail";
    }

    @Override
    public String visitAssert(Step.AssertStep s) {
        return "assert";
    }

    @Override
    public String visitRunAgent(Step.RunAgentStep s) {
        return "run";
    }
}
