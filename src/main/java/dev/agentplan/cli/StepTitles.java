package dev.agentplan.cli;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import java.util.Map;

/** Short names of a run's steps for progress lines: {@code logs http}, {@code approve publish_ok}, {@code wait 10m}. */
final class StepTitles {

    private final AgentDefinition definition;
    private final Map<String, Step> steps;

    /** @param definition the pinned plan; null when unknown (titles fall back to the step kind) */
    StepTitles(AgentDefinition definition) {
        this.definition = definition;
        this.steps = definition == null ? Map.of() : StepPaths.index(definition.steps());
    }

    String of(String path, String kind, String tool) {
        if (path != null && path.endsWith("/undo")) {
            return "undo " + (tool == null ? "" : tool);
        }
        Step step = path == null ? null : steps.get(path);
        String title = step == null ? null : step.accept(titles);
        if (title != null) {
            return title;
        }
        if (tool != null) {
            return call(tool);
        }
        return kind == null ? "step" : kind.replace('_', ' ');
    }

    /** A step's own title, or null for a kind that has none (an if, a loop, a try: its kind says enough). */
    private final Step.Visitor<String> titles = new Step.Visitor<>() {
        @Override
        public String visitCall(Step.CallStep s) {
            return call(s.call().tool());
        }

        @Override
        public String visitIf(Step.IfStep s) {
            return null;
        }

        @Override
        public String visitForEach(Step.ForEachStep s) {
            return "for each " + s.variable() + (s.parallel() ? " (parallel)" : "");
        }

        @Override
        public String visitWhile(Step.WhileStep s) {
            return null;
        }

        @Override
        public String visitParallel(Step.ParallelStep s) {
            return "parallel " + s.mode().name().toLowerCase();
        }

        @Override
        public String visitWait(Step.WaitStep s) {
            return "wait " + HumanTime.duration(s.duration().toMillis());
        }

        @Override
        public String visitAwaitSignal(Step.AwaitSignalStep s) {
            return "await signal " + s.signal();
        }

        @Override
        public String visitApprove(Step.ApproveStep s) {
            return "approve " + s.name();
        }

        @Override
        public String visitSet(Step.SetStep s) {
            return "set " + s.variable();
        }

        @Override
        public String visitTry(Step.TryStep s) {
            return null;
        }

        @Override
        public String visitHandle(Step.HandleStep s) {
            return null;
        }

        @Override
        public String visitModelLoop(Step.ModelLoopStep s) {
            return "loop " + s.model() + " [" + String.join(", ", s.toolNames()) + "]";
        }

        @Override
        public String visitFail(Step.FailStep s) {
            return null;
        }

        @Override
        public String visitAssert(Step.AssertStep s) {
            return null;
        }

        @Override
        public String visitRunAgent(Step.RunAgentStep s) {
            return "run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref());
        }
    };

    private String call(String tool) {
        ToolDecl decl = definition == null ? null : definition.tool(tool);
        return decl == null ? tool : tool + " " + decl.kind();
    }

    /** {@code step 3 (file.agent:14)}, with the loop iteration when there is one. */
    static String where(String path, String line, String iteration) {
        StringBuilder b = new StringBuilder("step ").append(path);
        if (iteration != null && !iteration.isEmpty()) {
            b.append(" [").append(iteration).append(']');
        }
        if (line != null && !line.isEmpty()) {
            b.append(" (").append(line).append(')');
        }
        return b.toString();
    }
}
