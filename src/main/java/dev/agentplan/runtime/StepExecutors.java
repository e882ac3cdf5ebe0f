package dev.agentplan.runtime;

import dev.agentplan.model.Step;

/** The executor of every step kind, found through {@link Step.Visitor}: a new kind fails to compile here. */
final class StepExecutors {

    private final CallExecutor call;
    private final IfExecutor ifs;
    private final ForEachExecutor forEach;
    private final WhileExecutor whiles;
    private final ParallelExecutor parallel;
    private final WaitExecutor waits;
    private final AwaitSignalExecutor awaitSignal;
    private final ApproveExecutor approve;
    private final SetExecutor set;
    private final TryExecutor tries;
    private final HandleExecutor handle;
    private final ModelLoopExecutor modelLoop;
    private final FailExecutor fail;
    private final AssertExecutor assertion;
    private final RunAgentExecutor runAgent;

    StepExecutors(RunContext run, Walker walker, ToolCalls tools) {
        Parallel lanes = new Parallel(run, walker);
        Gates gates = new Gates(run);
        this.call = new CallExecutor(tools);
        this.ifs = new IfExecutor(run, walker);
        this.forEach = new ForEachExecutor(run, walker, lanes);
        this.whiles = new WhileExecutor(run, walker);
        this.parallel = new ParallelExecutor(lanes);
        this.waits = new WaitExecutor(run);
        this.awaitSignal = new AwaitSignalExecutor(gates);
        this.approve = new ApproveExecutor(gates);
        this.set = new SetExecutor(run);
        this.tries = new TryExecutor(run, walker);
        this.handle = new HandleExecutor(run, walker);
        this.modelLoop = new ModelLoopExecutor(new ModelLoops(run, tools));
        this.fail = new FailExecutor(run);
        this.assertion = new AssertExecutor(run);
        this.runAgent = new RunAgentExecutor(new ChildRuns(run));
    }

    /** Runs the step with its kind's executor; returns the attempts a tool call took (0 for other steps). */
    int execute(Step step, StepContext ctx) {
        return step.accept(new Step.Visitor<Integer>() {
            @Override
            public Integer visitCall(Step.CallStep s) {
                return call.execute(s, ctx);
            }

            @Override
            public Integer visitIf(Step.IfStep s) {
                return ifs.execute(s, ctx);
            }

            @Override
            public Integer visitForEach(Step.ForEachStep s) {
                return forEach.execute(s, ctx);
            }

            @Override
            public Integer visitWhile(Step.WhileStep s) {
                return whiles.execute(s, ctx);
            }

            @Override
            public Integer visitParallel(Step.ParallelStep s) {
                return parallel.execute(s, ctx);
            }

            @Override
            public Integer visitWait(Step.WaitStep s) {
                return waits.execute(s, ctx);
            }

            @Override
            public Integer visitAwaitSignal(Step.AwaitSignalStep s) {
                return awaitSignal.execute(s, ctx);
            }

            @Override
            public Integer visitApprove(Step.ApproveStep s) {
                return approve.execute(s, ctx);
            }

            @Override
            public Integer visitSet(Step.SetStep s) {
                return set.execute(s, ctx);
            }

            @Override
            public Integer visitTry(Step.TryStep s) {
                return tries.execute(s, ctx);
            }

            @Override
            public Integer visitHandle(Step.HandleStep s) {
                return handle.execute(s, ctx);
            }

            @Override
            public Integer visitModelLoop(Step.ModelLoopStep s) {
                return modelLoop.execute(s, ctx);
            }

            @Override
            public Integer visitFail(Step.FailStep s) {
                return fail.execute(s, ctx);
            }

            @Override
            public Integer visitAssert(Step.AssertStep s) {
                return assertion.execute(s, ctx);
            }

            @Override
            public Integer visitRunAgent(Step.RunAgentStep s) {
                return runAgent.execute(s, ctx);
            }
        });
    }
}
