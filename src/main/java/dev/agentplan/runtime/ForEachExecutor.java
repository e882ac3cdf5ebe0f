package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.ResumeFrame.LoopFrame;
import dev.agentplan.runtime.eval.ExpressionError;
import dev.agentplan.runtime.eval.Values;

/**
 * {@code for each x in items { … }}: sequential iterations, each top a safe point; resumable with a
 * {@link LoopFrame} holding the iteration and the items (evaluated once, when the loop began).
 * {@code … parallel N} runs its iterations in workflow threads instead (see {@link Parallel}).
 */
final class ForEachExecutor implements StepExecutor<Step.ForEachStep> {

    private final RunContext run;
    private final Walker walker;
    private final Parallel parallel;

    ForEachExecutor(RunContext run, Walker walker, Parallel parallel) {
        this.run = run;
        this.walker = walker;
        this.parallel = parallel;
    }

    @Override
    public int execute(Step.ForEachStep s, StepContext c) {
        Frame f = c.frame();
        if (s.parallel()) {
            parallel.forEach(s, c.path(), c.line(), f, items(s, f));
            return 0;
        }
        Frames frames = run.frames();
        String path = c.path();
        LoopFrame resumed = frames.take(f, LoopFrame.class, path);
        JsonNode items = resumed != null ? resumed.items() : items(s, f);
        String body = c.body(BodyNames.BODY);
        try {
            for (int k = resumed != null ? resumed.iteration() : 0; k < items.size(); k++) {
                frames.at(f, new LoopFrame(path, k, items));
                frames.safePoint(f);
                // The loop variable lives in the enclosing scope and keeps the last item afterwards.
                f.scope().set(s.variable(), items.get(k));
                walker.runBody(s.body(), body, f.inIteration(path, k));
            }
        } finally {
            frames.leave(f, LoopFrame.class, path);
        }
        return 0;
    }

    private JsonNode items(Step.ForEachStep s, Frame f) {
        JsonNode items = run.evaluator().evaluate(s.items(), f.scope());
        if (!items.isArray()) {
            throw new ExpressionError("'for each' needs a list, got " + Values.typeName(items), s.items().span());
        }
        return items;
    }
}
