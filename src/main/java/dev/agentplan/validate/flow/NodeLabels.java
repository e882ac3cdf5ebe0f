package dev.agentplan.validate.flow;

import dev.agentplan.model.DurationText;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Step;
import java.time.Duration;

/** Short human labels of graph nodes and durations, as a plan's author would write them. */
public final class NodeLabels {

    /** The marker of calls that are irreversible or need approval. */
    public static final String DANGER = "⚠ ";

    private NodeLabels() {
    }

    /** Whether a node is a call the graph should flag: irreversible, or needing a human approval. */
    public static boolean isDangerous(FlowNode n) {
        return n.kind() == NodeKind.CALL && (n.needsApproval() || n.effect() == Effect.IRREVERSIBLE);
    }

    public static String of(FlowNode n) {
        return switch (n.kind()) {
            case ENTRY -> "start";
            case EXIT -> "end";
            case FAILURE -> "run fails";
            case CALL, RUN, SET, WAIT, AWAIT, APPROVE, FAIL, ASSERT, IF, FOR_EACH, WHILE, FORK, TRY, HANDLE, MODEL_LOOP ->
                    n.step().accept(new StatementLabel(n));
            case ELSE_IF -> "else if " + WitnessPath.text(n.branch().condition());
            case JOIN -> "join " + mode((Step.ParallelStep) n.step());
            case HANDLER -> "on error";
            case CATCH -> {
                Step.Catch c = n.catchClause();
                yield "catch" + (c.errorTypes().isEmpty() ? "" : " " + String.join(", ", c.errorTypes()))
                        + (c.variable() == null ? "" : " as " + c.variable());
            }
            case FINALLY -> n.onErrorPath() ? "finally (on error)" : "finally";
        };
    }

    /** The label of a statement node, by its step's kind. */
    private record StatementLabel(FlowNode n) implements Step.Visitor<String> {
        @Override
        public String visitCall(Step.CallStep s) {
            return (isDangerous(n) ? DANGER : "") + call(s);
        }

        @Override
        public String visitRunAgent(Step.RunAgentStep s) {
            return run(s);
        }

        @Override
        public String visitSet(Step.SetStep s) {
            return "set " + s.variable() + " = " + WitnessPath.text(s.value());
        }

        @Override
        public String visitWait(Step.WaitStep s) {
            return "wait " + duration(s.duration());
        }

        @Override
        public String visitAwaitSignal(Step.AwaitSignalStep s) {
            return bound(s.bind()) + "await signal \"" + s.signal() + "\"";
        }

        @Override
        public String visitApprove(Step.ApproveStep s) {
            return "approve " + s.name() + (n.isSafetyGate() ? "" : " (approves itself on timeout)");
        }

        @Override
        public String visitFail(Step.FailStep s) {
            return "fail " + WitnessPath.text(s.reason());
        }

        @Override
        public String visitAssert(Step.AssertStep s) {
            return "assert " + WitnessPath.text(s.condition());
        }

        @Override
        public String visitIf(Step.IfStep s) {
            return n.branch() == null ? "if" : "if " + WitnessPath.text(n.branch().condition());
        }

        @Override
        public String visitForEach(Step.ForEachStep s) {
            return "for each " + s.variable() + " in " + WitnessPath.text(s.items())
                    + (s.parallel() ? " parallel " + s.maxConcurrency() : "");
        }

        @Override
        public String visitWhile(Step.WhileStep s) {
            return "while " + WitnessPath.text(s.condition())
                    + (s.maxIterations() == null ? "" : " max " + s.maxIterations());
        }

        @Override
        public String visitParallel(Step.ParallelStep s) {
            return bound(s.bind()) + "parallel " + mode(s);
        }

        @Override
        public String visitTry(Step.TryStep s) {
            return "try";
        }

        @Override
        public String visitModelLoop(Step.ModelLoopStep s) {
            return bound(s.bind()) + "loop " + s.model() + " [" + String.join(", ", s.toolNames()) + "]"
                    + (s.maxTurns() == null ? "" : " max_turns " + s.maxTurns());
        }

        @Override
        public String visitHandle(Step.HandleStep s) {
            return "on " + s.handler().kind().keyword() + " \"" + s.handler().event() + "\""
                    + (s.handler().variable() == null ? "" : " as " + s.handler().variable())
                    + (s.leave() ? " leave" : "");
        }
    }

    private static String call(Step.CallStep s) {
        return bound(s.bind()) + s.call().tool() + "(" + String.join(", ", s.call().args().keySet()) + ")"
                + (s.undo() == null ? "" : " undo " + s.undo().tool());
    }

    private static String run(Step.RunAgentStep s) {
        return bound(s.bind()) + "run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref())
                + "(" + String.join(", ", s.inputs().keySet()) + ")";
    }

    private static String mode(Step.ParallelStep s) {
        return s.mode() == Step.JoinMode.FIRST ? "first" : "all";
    }

    private static String bound(String name) {
        return name == null ? "" : name + " = ";
    }

    /** A duration the way plans write it: 90s is {@code 1m30s}, 36h is {@code 1d12h}. */
    public static String duration(Duration d) {
        return d == null ? "?" : DurationText.format(d);
    }
}
