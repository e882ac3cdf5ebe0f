package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.ResumeFrame.BodyFrame;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.eval.Values;
import java.util.List;

/**
 * The generic walk: runs a body's steps in order (each gap between two steps of a sequential body
 * a safe point), and around each step what every kind shares: the step log, the budgets' step
 * check and the mapping of expression errors. What a step does is its kind's executor's
 * ({@link StepExecutors}); parallel work runs as promise work where its
 * bodies allow ({@link PromiseRunner}), else in workflow threads ({@link ParallelRunner}).
 */
final class Walker {

    private final RunContext run;
    private final ToolCalls tools;
    private final StepExecutors executors;
    private final StepBookkeeping book;

    Walker(RunContext run) {
        this.run = run;
        this.tools = new ToolCalls(run);
        this.executors = new StepExecutors(run, this, tools);
        this.book = new StepBookkeeping(run);
    }

    ToolCalls tools() {
        return tools;
    }

    void runBody(List<Step> steps, String prefix, Frame f) {
        Frames frames = run.frames();
        BodyFrame resumed = frames.take(f, BodyFrame.class, prefix);
        int start = resumed == null ? 0 : resumed.index();
        try {
            for (int i = start; i < steps.size(); i++) {
                frames.at(f, new BodyFrame(prefix, i));
                if (i > start) {
                    frames.safePoint(f);
                }
                runStep(steps.get(i), StepPaths.child(prefix, i), f);
            }
        } finally {
            frames.leave(f, BodyFrame.class, prefix);
        }
    }

    private void runStep(Step step, String path, Frame f) {
        String line = run.lineOf(path);
        boolean resumed = run.frames().resumes(f, path);
        String tool = step instanceof Step.CallStep c ? c.call().tool() : null;
        StepLog.Running r = book.start(step, path, line, f);
        try {
            if (!resumed) {
                book.begin(path, line);
            }
            book.ok(r, tool, executors.execute(step, new StepContext(path, line, f, r)));
        } catch (RuntimeException e) {
            throw book.failed(r, tool, path, line, f, e);
        }
    }

    static void bind(Frame f, String name, JsonNode value) {
        if (name != null) {
            f.scope().set(name, Values.orNull(value));
        }
    }

    /** What a catch variable holds: {type, message, step, line, details}. */
    static ObjectNode errorValue(ErrorInfo e) {
        ObjectNode v = Values.NODES.objectNode();
        v.put("type", e.type());
        v.put("message", e.message());
        v.put("step", e.step());
        v.put("line", e.line());
        v.set("details", e.details() == null ? NullNode.getInstance() : e.details());
        return v;
    }

    static String where(String path, String line) {
        return "step " + path + (line.isEmpty() ? "" : " (" + line + ")");
    }
}
