package dev.agentplan.validate;

import dev.agentplan.model.Step;

/** What a step's bound name is, in a message's words: an approval, a variable, or a step's result. */
final class BindingWords {

    private BindingWords() {
    }

    /** The word for the name {@code step} binds: only approvals and {@code set} differ from a result. */
    static String of(Step step) {
        if (step instanceof Step.ApproveStep) {
            return "approval";
        }
        if (step instanceof Step.SetStep) {
            return "variable";
        }
        return "result";
    }
}
