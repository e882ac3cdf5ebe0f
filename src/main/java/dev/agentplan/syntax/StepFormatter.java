package dev.agentplan.syntax;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Expr;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Steps as canonical text: one statement per line, nested bodies indented by two spaces. */
final class StepFormatter {

    private final Layout out;

    StepFormatter(Layout out) {
        this.out = out;
    }

    /** Writes the steps of the body with prefix {@code body} ("" for the top level) at {@code level}. */
    void steps(List<Step> steps, String body, int level) {
        for (int i = 0; i < steps.size(); i++) {
            String key = CommentKeys.step(body, i);
            out.before(key, level, i > 0);
            step(steps.get(i), key, level);
        }
    }

    private void block(List<Step> steps, String stepKey, String bodyName, int level) {
        String prefix = CommentKeys.body(stepKey, bodyName);
        steps(steps, prefix, level + 1);
        out.end(CommentKeys.end(prefix), level + 1);
    }

    private void step(Step step, String key, int level) {
        step.accept(new Printer(key, level));
    }

    /** One step as text: exhaustive, so a new kind fails to compile here until it can be printed. */
    private final class Printer implements Step.Visitor<Void> {
        private final String key;
        private final int level;

        Printer(String key, int level) {
            this.key = key;
            this.level = level;
        }

        @Override
        public Void visitCall(Step.CallStep s) {
            out.anchored(key, level, call(s, level));
            return null;
        }

        @Override
        public Void visitIf(Step.IfStep s) {
            int n = s.branches().size();
            for (int b = 0; b < n; b++) {
                Step.Branch branch = s.branches().get(b);
                String head = "if " + ExpressionText.print(branch.condition()) + " {";
                out.line(level, b == 0 ? head : "} else " + head);
                block(branch.body(), key, BodyNames.branch(b, n), level);
            }
            if (!s.otherwise().isEmpty() || out.hasComments(CommentKeys.end(CommentKeys.body(key, BodyNames.ELSE)))) {
                out.line(level, "} else {");
                block(s.otherwise(), key, BodyNames.ELSE, level);
            }
            close(key, level);
            return null;
        }

        @Override
        public Void visitForEach(Step.ForEachStep s) {
            out.line(level, "for each " + s.variable() + " in " + ExpressionText.print(s.items())
                    + (s.maxConcurrency() == null ? "" : " parallel " + s.maxConcurrency()) + " {");
            block(s.body(), key, BodyNames.BODY, level);
            close(key, level);
            return null;
        }

        @Override
        public Void visitWhile(Step.WhileStep s) {
            out.line(level, "while " + ExpressionText.print(s.condition())
                    + (s.maxIterations() == null ? "" : " max " + s.maxIterations()) + " {");
            block(s.body(), key, BodyNames.BODY, level);
            close(key, level);
            return null;
        }

        @Override
        public Void visitHandle(Step.HandleStep s) {
            out.line(level, handler(s.handler()) + (s.leave() ? " leave {" : " {"));
            block(s.body(), key, BodyNames.BODY, level);
            close(key, level);
            return null;
        }

        @Override
        public Void visitParallel(Step.ParallelStep s) {
            out.line(level, bind(s.bind()) + "parallel " + (s.mode() == Step.JoinMode.FIRST ? "first {" : "{"));
            for (int i = 0; i < s.lanes().size(); i++) {
                Step.Lane lane = s.lanes().get(i);
                String laneKey = CommentKeys.lane(key, i);
                out.before(laneKey, level + 1, i > 0);
                out.line(level + 1, "lane " + lane.name() + " {");
                String prefix = CommentKeys.path(laneKey);
                steps(lane.body(), prefix, level + 2);
                out.end(CommentKeys.end(prefix), level + 2);
                out.anchored(laneKey, level + 1, List.of("}"));
            }
            out.end(CommentKeys.end(CommentKeys.path(key) + "/lanes"), level + 1);
            close(key, level);
            return null;
        }

        @Override
        public Void visitWait(Step.WaitStep s) {
            out.anchored(key, level, List.of("wait " + duration(s.duration())));
            return null;
        }

        @Override
        public Void visitAwaitSignal(Step.AwaitSignalStep s) {
            List<String> options = new ArrayList<>();
            if (s.timeout() != null) {
                options.add("timeout " + duration(s.timeout()));
            }
            if (s.onTimeout() != null) {
                options.add("on_timeout " + (s.onTimeout() == Step.SignalTimeout.FAIL ? "fail" : "continue"));
            }
            out.anchored(key, level, List.of(bind(s.bind()) + "await signal " + PolicyText.quoted(s.signal())
                    + (options.isEmpty() ? "" : " " + PolicyText.braces(options))));
            return null;
        }

        @Override
        public Void visitApprove(Step.ApproveStep s) {
            out.anchored(key, level, approve(s, level));
            return null;
        }

        @Override
        public Void visitModelLoop(Step.ModelLoopStep s) {
            out.anchored(key, level, modelLoop(s, level));
            return null;
        }

        @Override
        public Void visitSet(Step.SetStep s) {
            out.anchored(key, level, List.of("set " + s.variable() + " = " + ExpressionText.print(s.value())));
            return null;
        }

        @Override
        public Void visitTry(Step.TryStep s) {
            out.line(level, "try {");
            block(s.body(), key, BodyNames.TRY, level);
            for (int c = 0; c < s.catches().size(); c++) {
                Step.Catch katch = s.catches().get(c);
                String types = String.join(", ", katch.errorTypes());
                out.line(level, "} catch " + types + (katch.variable() == null ? "" : (types.isEmpty() ? "" : " ")
                        + "as " + katch.variable()) + (types.isEmpty() && katch.variable() == null ? "{" : " {"));
                block(katch.body(), key, BodyNames.catchClause(c), level);
            }
            if (!s.finallyBody().isEmpty()
                    || out.hasComments(CommentKeys.end(CommentKeys.body(key, BodyNames.FINALLY)))) {
                out.line(level, "} finally {");
                block(s.finallyBody(), key, BodyNames.FINALLY, level);
            }
            close(key, level);
            return null;
        }

        @Override
        public Void visitFail(Step.FailStep s) {
            out.anchored(key, level, List.of("fail " + ExpressionText.print(s.reason())));
            return null;
        }

        @Override
        public Void visitAssert(Step.AssertStep s) {
            out.anchored(key, level, List.of("assert " + ExpressionText.print(s.condition())
                    + (s.message() == null ? "" : " else " + ExpressionText.print(s.message()))));
            return null;
        }

        @Override
        public Void visitRunAgent(Step.RunAgentStep s) {
            String head = bind(s.bind()) + "run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref());
            out.anchored(key, level, arguments(head, s.inputs(), "", level));
            return null;
        }
    }

    private void close(String key, int level) {
        out.anchored(key, level, List.of("}"));
    }

    /**
     * A call on one line when it fits; otherwise the call (arguments one per line if needed),
     * then {@code key …} and {@code undo …} each on their own line, indented under the call.
     */
    private static List<String> call(Step.CallStep s, int level) {
        String head = bind(s.bind()) + PolicyText.callName(s.call().tool());
        String key = s.idempotencyKey() == null ? null : "key " + ExpressionText.print(s.idempotencyKey());
        List<String> lines = arguments(head, s.call().args(), key == null ? "" : " " + key, level);
        if (s.undo() == null && lines.size() == 1) {
            return lines;
        }
        if (s.undo() != null && lines.size() == 1) {
            List<String> flat = arguments(lines.get(0) + " undo " + PolicyText.callName(s.undo().tool()), s.undo().args(), "", level);
            if (flat.size() == 1) {
                return flat;
            }
        }
        lines = arguments(head, s.call().args(), "", level);
        if (key != null) {
            lines.add("  " + key);
        }
        if (s.undo() != null) {
            for (String line : arguments("undo " + PolicyText.callName(s.undo().tool()), s.undo().args(), "", level + 1)) {
                lines.add("  " + line);
            }
        }
        return lines;
    }

    /**
     * {@code head(a: x, b: y)tail} on one line when it fits, else one argument per line with
     * trailing commas and {@code )tail} on the last line.
     */
    static List<String> arguments(String head, Map<String, Expr> args, String tail, int level) {
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, Expr> a : args.entrySet()) {
            StringBuilder item = new StringBuilder();
            ExpressionPrinter.key(a.getKey(), item);
            item.append(": ");
            ExpressionPrinter.print(a.getValue(), item);
            items.add(item.toString());
        }
        String flat = head + "(" + String.join(", ", items) + ")" + tail;
        List<String> lines = new ArrayList<>();
        if (items.isEmpty() || Layout.fits(level, flat)) {
            lines.add(flat);
            return lines;
        }
        lines.add(head + "(");
        for (String item : items) {
            lines.add("  " + item + ",");
        }
        lines.add(")" + tail);
        return lines;
    }

    private static List<String> modelLoop(Step.ModelLoopStep s, int level) {
        List<String> options = new ArrayList<>();
        if (s.prompt() != null) {
            options.add("ask " + ExpressionText.print(s.prompt()));
        }
        if (s.context() != null) {
            options.add("context " + ExpressionText.print(s.context()));
        }
        options.add("tools [" + String.join(", ", s.toolNames()) + "]");
        if (s.maxTurns() != null) {
            options.add("max_turns " + s.maxTurns());
        }
        if (s.approvalTimeout() != null) {
            options.add("approval_timeout " + duration(s.approvalTimeout()));
        }
        if (!s.approvers().isEmpty()) {
            options.add("approvers " + PolicyText.quotedList(s.approvers()));
        }
        String head = bind(s.bind()) + "loop " + s.model();
        String flat = head + " " + PolicyText.braces(options);
        List<String> lines = new ArrayList<>();
        if (Layout.fits(level, flat)) {
            lines.add(flat);
            return lines;
        }
        lines.add(head + " {");
        for (String o : options) {
            lines.add("  " + o);
        }
        lines.add("}");
        return lines;
    }

    private static List<String> approve(Step.ApproveStep s, int level) {
        List<String> options = new ArrayList<>();
        if (s.prompt() != null) {
            options.add("ask " + ExpressionText.print(s.prompt()));
        }
        if (!s.approvers().isEmpty()) {
            options.add("approvers " + PolicyText.quotedList(s.approvers()));
        }
        if (s.timeout() != null) {
            options.add("timeout " + duration(s.timeout()));
        }
        if (s.onTimeout() != Step.ApprovalTimeout.FAIL) {
            options.add("on_timeout " + s.onTimeout().name().toLowerCase(Locale.ROOT));
        }
        String flat = "approve " + s.name() + " " + PolicyText.braces(options);
        List<String> lines = new ArrayList<>();
        if (Layout.fits(level, flat)) {
            lines.add(flat);
            return lines;
        }
        lines.add("approve " + s.name() + " {");
        for (String o : options) {
            lines.add("  " + o);
        }
        lines.add("}");
        return lines;
    }

    private static String bind(String name) {
        return name == null ? "" : name + " = ";
    }

    private static String duration(Duration d) {
        return d == null ? "0s" : DurationText.format(d);
    }

    /** {@code on signal "name" as v: type = default}, as the header and a handle step write it. */
    static String handler(IntentHandler h) {
        String text = "on " + h.kind().keyword() + " " + PolicyText.quoted(h.event());
        if (h.variable() != null) {
            text += " as " + h.variable() + ": " + h.type().keyword()
                    + (h.defaultValue() == null ? "" : " = " + ExpressionText.print(h.defaultValue()));
        }
        return text;
    }
}
