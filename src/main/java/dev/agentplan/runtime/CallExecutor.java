package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code [x =] tool(args)}: one tool activity (see {@link ToolCalls}). */
final class CallExecutor implements StepExecutor<Step.CallStep> {

    private final ToolCalls tools;

    CallExecutor(ToolCalls tools) {
        this.tools = tools;
    }

    @Override
    public int execute(Step.CallStep s, StepContext c) {
        return tools.call(s, c.path(), c.line(), c.frame(), c.log());
    }
}
