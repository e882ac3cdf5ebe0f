package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** {@code [x =] await signal "name" { … }} (see {@link Gates#awaitSignal}). */
final class AwaitSignalExecutor implements StepExecutor<Step.AwaitSignalStep> {

    private final Gates gates;

    AwaitSignalExecutor(Gates gates) {
        this.gates = gates;
    }

    @Override
    public int execute(Step.AwaitSignalStep s, StepContext c) {
        c.bind(s.bind(), gates.awaitSignal(s, c.path(), c.line(), c.frame(), c.log()));
        return 0;
    }
}
