package dev.agentplan.validate;

import dev.agentplan.model.Step;

/** What a step's bound name is, in a message's words: an approval, a variable, or a step's result. */
final class BindingWords implements Step.Visitor<String> {

    private static final BindingWords INSTANCE = new BindingWords();
    private static final String RESULT = "result";

    private BindingWords() {
    }

    /** The word for the name {@code step} binds ({@code "result"} for a kind that binds none, never asked). */
    static String of(Step step) {
        return step.accept(INSTANCE);
    }

    @Override
    public String visitApprove(Step.ApproveStep s) {
        return "approval";
    }

    @Override
    public String visitSet(Step.SetStep s) {
        return "variable";
    }

    @Override
    public String visitCall(Step.CallStep s) {
        return RESULT;
    }

    @Override
    public String visitParallel(Step.ParallelStep s) {
        return RESULT;
    }

    @Override
    public String visitAwaitSignal(Step.AwaitSignalStep s) {
        return RESULT;
    }

    @Override
    public String visitModelLoop(Step.ModelLoopStep s) {
        return RESULT;
    }

    @Override
    public String visitRunAgent(Step.RunAgentStep s) {
        return RESULT;
    }

    @Override
    public String visitHandle(Step.HandleStep s) {
        return RESULT;
    }

    @Override
    public String visitIf(Step.IfStep s) {
        return RESULT;
    }

    @Override
    public String visitForEach(Step.ForEachStep s) {
        return RESULT;
    }

    @Override
    public String visitWhile(Step.WhileStep s) {
        return RESULT;
    }

    @Override
    public String visitWait(Step.WaitStep s) {
        return RESULT;
    }

    @Override
    public String visitTry(Step.TryStep s) {
        return RESULT;
    }

    @Override
    public String visitFail(Step.FailStep s) {
        return RESULT;
    }
}
