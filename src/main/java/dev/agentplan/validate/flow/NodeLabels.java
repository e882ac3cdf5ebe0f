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
        Step step = n.step();
        return switch (n.kind()) {
            case ENTRY -> "start";
            case EXIT -> "end";
            case FAILURE -> "run fails";
            case CALL -> (isDangerous(n) ? DANGER : "") + call((Step.CallStep) step);
            case RUN -> run((Step.RunAgentStep) step);
            case SET -> {
                Step.SetStep s = (Step.SetStep) step;
                yield "set " + s.variable() + " = " + WitnessPath.text(s.value());
            }
            case WAIT -> "wait " + duration(((Step.WaitStep) step).duration());
            case AWAIT -> {
                Step.AwaitSignalStep s = (Step.AwaitSignalStep) step;
                yield bound(s.bind()) + "await signal \"" + s.signal() + "\"";
            }
            case APPROVE -> {
                Step.ApproveStep s = (Step.ApproveStep) step;
                yield "approve " + s.name() + (n.isSafetyGate() ? "" : " (approves itself on timeout)");
            }
            case FAIL -> "fail " + WitnessPath.text(((Step.FailStep) step).reason());
            case IF -> n.branch() == null ? "if" : "if " + WitnessPath.text(n.branch().condition());
            case ELSE_IF -> "else if " + WitnessPath.text(n.branch().condition());
            case FOR_EACH -> {
                Step.ForEachStep s = (Step.ForEachStep) step;
                yield "for each " + s.variable() + " in " + WitnessPath.text(s.items())
                        + (s.parallel() ? " parallel " + s.maxConcurrency() : "");
            }
            case WHILE -> {
                Step.WhileStep s = (Step.WhileStep) step;
                yield "while " + WitnessPath.text(s.condition())
                        + (s.maxIterations() == null ? "" : " max " + s.maxIterations());
            }
            case FORK -> {
                Step.ParallelStep s = (Step.ParallelStep) step;
                yield bound(s.bind()) + "parallel " + mode(s);
            }
            case JOIN -> "join " + mode((Step.ParallelStep) step);
            case TRY -> "try";
            case HANDLER -> "on error";
            case CATCH -> {
                Step.Catch c = n.catchClause();
                yield "catch" + (c.errorTypes().isEmpty() ? "" : " " + String.join(", ", c.errorTypes()))
                        + (c.variable() == null ? "" : " as " + c.variable());
            }
            case FINALLY -> n.onErrorPath() ? "finally (on error)" : "finally";
            case MODEL_LOOP -> {
                Step.ModelLoopStep s = (Step.ModelLoopStep) step;
                yield bound(s.bind()) + "loop " + s.model() + " [" + String.join(", ", s.toolNames()) + "]"
                        + (s.maxTurns() == null ? "" : " max_turns " + s.maxTurns());
            }
            case HANDLE -> {
                Step.HandleStep s = (Step.HandleStep) step;
                yield "on " + s.handler().kind().keyword() + " \"" + s.handler().event() + "\""
                        + (s.handler().variable() == null ? "" : " as " + s.handler().variable())
                        + (s.leave() ? " leave" : "");
            }
        };
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
