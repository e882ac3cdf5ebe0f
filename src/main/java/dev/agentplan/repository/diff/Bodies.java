package dev.agentplan.repository.diff;

import dev.agentplan.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nested bodies of a step by their durable names ({@link Step#bodies()}), and the step with its
 * bodies emptied, for comparing a step's own fields apart from what it contains.
 */
final class Bodies {

    private Bodies() {
    }

    static Map<String, List<Step>> of(Step step) {
        Map<String, List<Step>> out = new LinkedHashMap<>();
        for (Step.Body body : step.bodies()) {
            out.put(body.name(), body.steps());
        }
        return out;
    }

    /** The step with every nested body empty (spans kept); equal shells mean equal own fields. */
    static Step shell(Step step) {
        return step.accept(SHELL);
    }

    /** Exhaustive, so a new kind with bodies cannot slip through with its bodies compared as own fields. */
    private static final Step.Visitor<Step> SHELL = new Step.Visitor<>() {
        @Override
        public Step visitCall(Step.CallStep s) {
            return s;
        }

        @Override
        public Step visitIf(Step.IfStep s) {
            return new Step.IfStep(s.branches().stream()
                    .map(b -> new Step.Branch(b.condition(), List.of(), b.span())).toList(), List.of(), s.span());
        }

        @Override
        public Step visitForEach(Step.ForEachStep s) {
            return new Step.ForEachStep(s.variable(), s.items(), s.maxConcurrency(), List.of(), s.span());
        }

        @Override
        public Step visitWhile(Step.WhileStep s) {
            return new Step.WhileStep(s.condition(), s.maxIterations(), List.of(), s.span());
        }

        @Override
        public Step visitParallel(Step.ParallelStep s) {
            return new Step.ParallelStep(s.bind(), s.mode(), s.lanes().stream()
                    .map(l -> new Step.Lane(l.name(), List.of(), l.span())).toList(), s.span());
        }

        @Override
        public Step visitWait(Step.WaitStep s) {
            return s;
        }

        @Override
        public Step visitAwaitSignal(Step.AwaitSignalStep s) {
            return s;
        }

        @Override
        public Step visitApprove(Step.ApproveStep s) {
            return s;
        }

        @Override
        public Step visitSet(Step.SetStep s) {
            return s;
        }

        @Override
        public Step visitTry(Step.TryStep s) {
            return new Step.TryStep(List.of(), s.catches().stream()
                    .map(c -> new Step.Catch(c.errorTypes(), c.variable(), List.of(), c.span())).toList(),
                    List.of(), s.span());
        }

        @Override
        public Step visitHandle(Step.HandleStep s) {
            return new Step.HandleStep(s.handler(), s.leave(), List.of(), s.span());
        }

        @Override
        public Step visitModelLoop(Step.ModelLoopStep s) {
            return s;
        }

        @Override
        public Step visitFail(Step.FailStep s) {
            return s;
        }

        @Override
        public Step visitAssert(Step.AssertStep s) {
            return s;
        }

        @Override
        public Step visitRunAgent(Step.RunAgentStep s) {
            return s;
        }
    };
}
