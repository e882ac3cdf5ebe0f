package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.InterpreterState.LoopCursor;
import dev.agentplan.runtime.InterpreterState.TryCursor;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.eval.ExpressionError;
import dev.agentplan.runtime.eval.Values;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * Executes steps: the one generic interpreter of every construct. Sequential bodies keep the
 * cursor and offer safe points; parallel work runs in workflow threads (see {@link ParallelRunner}).
 */
final class Walker {

    /** The bound of a {@code while} without {@code max} (such plans fail validation; this is a backstop). */
    static final int DEFAULT_WHILE_BOUND = 1000;

    private final RunContext run;
    private final ToolCalls tools;
    private final ChildRuns children;
    private final Parallel parallel;
    private final Gates gates;
    private final ModelLoops models;

    Walker(RunContext run) {
        this.run = run;
        this.tools = new ToolCalls(run);
        this.children = new ChildRuns(run);
        this.parallel = new Parallel(run, this);
        this.gates = new Gates(run);
        this.models = new ModelLoops(run, tools);
    }

    ToolCalls tools() {
        return tools;
    }

    void runBody(List<Step> steps, String prefix, Frame f) {
        int start = f.safe() ? run.cursors().takeBody(prefix) : 0;
        try {
            for (int i = start; i < steps.size(); i++) {
                if (f.safe()) {
                    run.cursors().atBody(prefix, i);
                    if (i > start) {
                        run.safePoint();
                    }
                }
                runStep(steps.get(i), StepPaths.child(prefix, i), f);
            }
        } finally {
            if (f.safe()) {
                run.cursors().leaveBody(prefix);
            }
        }
    }

    private void runStep(Step step, String path, Frame f) {
        String line = run.lineOf(path);
        boolean resumed = f.safe() && run.cursors().resumes(path);
        String tool = step instanceof Step.CallStep c ? c.call().tool() : null;
        StepLog.Running r = run.log().start(path, line, kindOf(step), f.iterations(), run.now());
        try {
            if (!resumed) {
                run.budgets().beforeStep(run.now(), path, line);
                run.stepStarted();
            }
            int attempts = dispatch(step, path, line, f, r);
            run.log().finish(r, tool, attempts, "ok", run.now());
        } catch (ExpressionError e) {
            // e.type(): ExpressionError, or LimitExceeded when a value or the evaluation got too big
            run.log().finish(r, tool, 0, "failed: " + e.type(), run.now());
            throw PlanError.of(e.type(), (line.isEmpty() ? "" : line + ": ") + e.reason(), path, line);
        } catch (PlanError e) {
            run.log().finish(r, tool, 0, "failed: " + e.type(), run.now());
            throw e;
        } catch (CanceledFailure e) {
            run.log().finish(r, tool, 0, "cancelled", run.now());
            if (f.safe()) {
                run.stoppedAt(path, line); // lanes cancelled by a winner or a failure are not where the run stopped
            }
            throw e;
        }
    }

    /** Runs one step; returns the attempts a tool call took (0 for other steps). */
    private int dispatch(Step step, String path, String line, Frame f, StepLog.Running r) {
        if (step instanceof Step.CallStep s) {
            return tools.call(s, path, line, f, r);
        } else if (step instanceof Step.IfStep s) {
            runIf(s, path, f);
        } else if (step instanceof Step.ForEachStep s) {
            if (s.parallel()) {
                parallel.forEach(s, path, line, f, items(s, f));
            } else {
                forEach(s, path, f);
            }
        } else if (step instanceof Step.WhileStep s) {
            runWhile(s, path, line, f);
        } else if (step instanceof Step.ParallelStep s) {
            bind(f, s.bind(), parallel.lanes(s, path, line, f));
        } else if (step instanceof Step.WaitStep s) {
            waitFor(s.duration(), path, line, f, r);
        } else if (step instanceof Step.AwaitSignalStep s) {
            bind(f, s.bind(), gates.awaitSignal(s, path, line, f, r));
        } else if (step instanceof Step.ApproveStep s) {
            gates.approve(s, path, line, f, r);
        } else if (step instanceof Step.SetStep s) {
            f.scope().set(s.variable(), run.evaluator().evaluate(s.value(), f.scope()));
        } else if (step instanceof Step.TryStep s) {
            runTry(s, path, f);
        } else if (step instanceof Step.FailStep s) {
            String reason = s.reason() == null ? "the plan failed" : run.evaluator().text(s.reason(), f.scope());
            throw PlanError.of(ErrorTypes.PLAN_FAILED, reason, path, line);
        } else if (step instanceof Step.RunAgentStep s) {
            bind(f, s.bind(), children.run(s, path, line, f, r));
        } else if (step instanceof Step.HandleStep s) {
            handle(s, path, f);
        } else if (step instanceof Step.ModelLoopStep s) {
            bind(f, s.bind(), models.run(s, path, line, f, r));
        } else {
            throw new IllegalStateException("no interpreter for step " + step.getClass().getSimpleName());
        }
        return 0;
    }

    static void bind(Frame f, String name, JsonNode value) {
        if (name != null) {
            f.scope().set(name, Values.orNull(value));
        }
    }

    // ---- if ----

    private void runIf(Step.IfStep s, String path, Frame f) {
        int n = s.branches().size();
        if (f.safe()) {
            for (int b = 0; b <= n; b++) {
                String prefix = branchPrefix(path, b, n);
                if (run.cursors().resumesBody(prefix)) {
                    runBody(b < n ? s.branches().get(b).body() : s.otherwise(), prefix, f);
                    return;
                }
            }
        }
        for (int b = 0; b < n; b++) {
            Step.Branch branch = s.branches().get(b);
            if (run.evaluator().condition(branch.condition(), f.scope())) {
                runBody(branch.body(), branchPrefix(path, b, n), f);
                return;
            }
        }
        runBody(s.otherwise(), branchPrefix(path, n, n), f);
    }

    private static String branchPrefix(String path, int b, int branches) {
        return StepPaths.body(path, b == branches ? "else" : b == 0 ? "then" : "elif" + b);
    }

    // ---- loops ----

    JsonNode items(Step.ForEachStep s, Frame f) {
        JsonNode items = run.evaluator().evaluate(s.items(), f.scope());
        if (!items.isArray()) {
            throw new ExpressionError("'for each' needs a list, got " + Values.typeName(items), s.items().span());
        }
        return items;
    }

    private void forEach(Step.ForEachStep s, String path, Frame f) {
        LoopCursor resumed = f.safe() ? run.cursors().takeLoop(path) : null;
        JsonNode items = resumed != null ? resumed.items() : items(s, f);
        String body = StepPaths.body(path, "body");
        try {
            for (int k = resumed != null ? resumed.iteration() : 0; k < items.size(); k++) {
                if (f.safe()) {
                    run.cursors().atLoop(path, k, items);
                    run.safePoint();
                }
                // The loop variable lives in the enclosing scope and keeps the last item afterwards.
                f.scope().set(s.variable(), items.get(k));
                runBody(s.body(), body, f.inIteration(path, k));
            }
        } finally {
            if (f.safe()) {
                run.cursors().leaveLoop(path);
            }
        }
    }

    private void runWhile(Step.WhileStep s, String path, String line, Frame f) {
        LoopCursor resumed = f.safe() ? run.cursors().takeLoop(path) : null;
        int bound = s.maxIterations() != null ? s.maxIterations() : DEFAULT_WHILE_BOUND;
        String body = StepPaths.body(path, "body");
        try {
            for (int k = resumed != null ? resumed.iteration() : 0; ; k++) {
                if (f.safe()) {
                    run.cursors().atLoop(path, k, null);
                    run.safePoint();
                }
                if (!run.evaluator().condition(s.condition(), f.scope())) {
                    return;
                }
                if (k >= bound) {
                    throw PlanError.of(ErrorTypes.LOOP_BOUND_EXCEEDED, "the while loop at " + where(path, line)
                            + " is still true after its bound of " + bound + " iterations", path, line);
                }
                runBody(s.body(), body, f.inIteration(path, k));
            }
        } finally {
            if (f.safe()) {
                run.cursors().leaveLoop(path);
            }
        }
    }

    // ---- on signal|update … { … } ----

    /**
     * Runs the body while the handler holds. With {@code leave}, the body runs in its own
     * cancellation scope, which an event of the handler cancels: that ends the step normally,
     * unless the run itself is being cancelled too.
     */
    private void handle(Step.HandleStep s, String path, Frame f) {
        String body = StepPaths.body(path, "body");
        boolean resumed = f.safe() && run.cursors().resumesBody(body);
        Intents.Active handler = run.intents().enter(s, path, f.scope(), run.evaluator(), resumed, run.now());
        try {
            if (!s.leave()) {
                runBody(s.body(), body, f);
                return;
            }
            if (handler.left) {
                run.cursors().takeBody(body); // left on a buffered event before the body started
                return;
            }
            CancellationScope scope = Workflow.newCancellationScope(() -> runBody(s.body(), body, f));
            handler.body = scope;
            try {
                scope.run();
            } catch (CanceledFailure e) {
                if (!handler.left || CancellationScope.current().isCancelRequested()) {
                    throw e;
                }
                run.clearStopped();
            }
        } finally {
            run.intents().exit(handler);
        }
    }

    // ---- wait ----

    private void waitFor(Duration d, String path, String line, Frame f, StepLog.Running r) {
        r.waitingFor = "timer until " + StepLog.iso(run.now() + d.toMillis());
        run.timerStarted();
        try {
            // Workflow.sleep(d) is newTimer(d).get(): the same command, now with a summary for the UI
            Workflow.newTimer(d, TimerOptions.newBuilder()
                    .setSummary(CommandSummaries.waitTimer(path, f.iterations(), line, d)).build()).get();
        } finally {
            run.timerFinished();
            r.waitingFor = null;
        }
    }

    // ---- try / catch / finally ----

    private void runTry(Step.TryStep s, String path, Frame f) {
        TryCursor resumed = f.safe() ? run.cursors().takeTry(path) : null;
        String phase = resumed == null ? "try" : resumed.phase();
        int catchIndex = resumed == null ? -1 : resumed.catchIndex();
        PlanError pending = resumed != null && resumed.pending() != null ? new PlanError(resumed.pending()) : null;
        try {
            if (phase.equals("try")) {
                mark(f, path, "try", -1, null);
                try {
                    runBody(s.body(), StepPaths.body(path, "try"), f);
                } catch (PlanError e) {
                    catchIndex = matchingCatch(s, e);
                    if (catchIndex < 0) {
                        pending = e;
                    } else {
                        phase = "catch";
                        Step.Catch c = s.catches().get(catchIndex);
                        bind(f, c.variable(), errorValue(e.info()));
                    }
                }
            }
            if (phase.equals("catch")) {
                mark(f, path, "catch", catchIndex, null);
                try {
                    runBody(s.catches().get(catchIndex).body(), StepPaths.body(path, "catch" + (catchIndex + 1)), f);
                } catch (PlanError e) {
                    pending = e;
                }
            }
            // Cancellation skips finally (it propagates as CanceledFailure); compensations clean up instead.
            if (!s.finallyBody().isEmpty()) {
                mark(f, path, "finally", -1, pending == null ? null : pending.info());
                runBody(s.finallyBody(), StepPaths.body(path, "finally"), f);
            }
            if (pending != null) {
                throw pending;
            }
        } finally {
            if (f.safe()) {
                run.cursors().leaveTry(path);
            }
        }
    }

    private void mark(Frame f, String path, String phase, int catchIndex, ErrorInfo pending) {
        if (f.safe()) {
            run.cursors().atTry(path, phase, catchIndex, pending);
        }
    }

    private static int matchingCatch(Step.TryStep s, PlanError e) {
        for (int c = 0; c < s.catches().size(); c++) {
            List<String> types = s.catches().get(c).errorTypes();
            if (types.isEmpty() || types.contains(e.type())) {
                return c;
            }
        }
        return -1;
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

    static String kindOf(Step step) {
        if (step instanceof Step.CallStep) {
            return "call";
        } else if (step instanceof Step.IfStep) {
            return "if";
        } else if (step instanceof Step.ForEachStep s) {
            return s.parallel() ? "for_each_parallel" : "for_each";
        } else if (step instanceof Step.WhileStep) {
            return "while";
        } else if (step instanceof Step.ParallelStep s) {
            return s.mode() == Step.JoinMode.FIRST ? "parallel_first" : "parallel_all";
        } else if (step instanceof Step.WaitStep) {
            return "wait";
        } else if (step instanceof Step.AwaitSignalStep) {
            return "await_signal";
        } else if (step instanceof Step.ApproveStep) {
            return "approve";
        } else if (step instanceof Step.SetStep) {
            return "set";
        } else if (step instanceof Step.TryStep) {
            return "try";
        } else if (step instanceof Step.FailStep) {
            return "fail";
        } else if (step instanceof Step.RunAgentStep) {
            return "run";
        } else if (step instanceof Step.HandleStep s) {
            return "on_" + s.handler().kind().keyword();
        } else if (step instanceof Step.ModelLoopStep) {
            return "loop";
        }
        return step.getClass().getSimpleName();
    }
}
