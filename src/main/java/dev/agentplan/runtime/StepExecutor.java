package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/**
 * Runs one kind of step. The walk ({@link Walker}) does what every step shares (the step log,
 * budgets, error mapping); an executor only what its kind means. Executors are found through
 * {@link StepExecutors}, a {@link Step.Visitor}, so a new kind fails to compile until it has one.
 */
interface StepExecutor<S extends Step> {

    /** Runs the step; returns the attempts a tool call took (0 for any other step). */
    int execute(S step, StepContext ctx);
}
