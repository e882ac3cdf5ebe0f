package dev.agentplan.runtime;

import dev.agentplan.model.BodyNames;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One parallel lane or loop iteration walked without a workflow thread of its own: the thread
 * that dispatches the parallel work runs it step by step until it waits for a tool call's activity,
 * and resumes it once that activity settled. Only bodies of steps that wait for nothing but tool
 * calls can run so ({@link #canRun}); the steps do exactly what {@link Walker} does for them, with
 * the same step log entries, budgets and errors, and issue the same commands in the same order.
 */
final class PromiseLane {

    private final RunContext run;
    private final ToolCalls tools;
    private final StepBookkeeping book;
    private final Frame f;
    private final Runnable whenDone;
    /** The bodies being walked, innermost first; each but the lane's own belongs to the step that entered it. */
    private final Deque<Body> bodies = new ArrayDeque<>();
    /** The call the lane waits for, and its step's log entry; null while not waiting. */
    private ToolCalls.Call waiting;
    private Entered waitingStep;

    /** A step that started: its log entry, to finish when the step does. */
    private record Entered(String path, String line, String tool, StepLog.Running log) {
    }

    private static final class Body {
        final List<Step> steps;
        final String prefix;
        final Entered owner;
        int next;

        Body(List<Step> steps, String prefix, Entered owner) {
            this.steps = steps;
            this.prefix = prefix;
            this.owner = owner;
        }
    }

    /**
     * @param f the lane's frame (its own scope; never a safe point)
     * @param whenDone runs once the body finished normally (a throw from it is the lane's failure)
     */
    PromiseLane(RunContext run, ToolCalls tools, StepBookkeeping book, List<Step> body, String prefix, Frame f,
                Runnable whenDone) {
        this.run = run;
        this.tools = tools;
        this.book = book;
        this.f = f;
        this.whenDone = whenDone;
        bodies.push(new Body(body, prefix, null));
    }

    /** Whether every step of these bodies, nested ones too, can run as promise work. */
    static boolean canRun(List<Step> body) {
        for (Step step : body) {
            if (step instanceof Step.IfStep s) {
                for (Step.Branch b : s.branches()) {
                    if (!canRun(b.body())) {
                        return false;
                    }
                }
                if (!canRun(s.otherwise())) {
                    return false;
                }
            } else if (!(step instanceof Step.CallStep || step instanceof Step.SetStep
                    || step instanceof Step.FailStep)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the lane waits for an activity that has settled (so {@link #advance} goes on). */
    boolean ready() {
        return waiting != null && waiting.settled().isCompleted();
    }

    /**
     * Walks on: takes the outcome of the call it waited for, if any, then runs steps until the next
     * call is scheduled or the body ends. Throws what the body would throw.
     *
     * @return true when the lane has finished
     */
    boolean advance() {
        if (waiting != null) {
            ToolCalls.Call call = waiting;
            Entered step = waitingStep;
            waiting = null;
            waitingStep = null;
            int attempts;
            try {
                attempts = call.finish();
            } catch (RuntimeException e) {
                throw unwind(step, e);
            }
            book.ok(step.log(), step.tool(), attempts);
        }
        while (true) {
            Body b = bodies.peek();
            if (b.next == b.steps.size()) {
                bodies.pop();
                if (b.owner == null) {
                    whenDone.run();
                    return true;
                }
                book.ok(b.owner.log(), b.owner.tool(), 0);
                continue;
            }
            int index = b.next++;
            Step step = b.steps.get(index);
            String path = StepPaths.child(b.prefix, index);
            String line = run.lineOf(path);
            String tool = step instanceof Step.CallStep c ? c.call().tool() : null;
            Entered entered = new Entered(path, line, tool, book.start(step, path, line, f));
            try {
                book.begin(path, line);
                if (start(step, entered)) {
                    return false;
                }
            } catch (RuntimeException e) {
                throw unwind(entered, e);
            }
        }
    }

    /** Starts one step; returns true when the lane now waits for its call. */
    private boolean start(Step step, Entered entered) {
        String path = entered.path();
        String line = entered.line();
        if (step instanceof Step.CallStep s) {
            waiting = tools.start(s, path, line, f, entered.log());
            waitingStep = entered;
            return true;
        } else if (step instanceof Step.SetStep s) {
            f.scope().set(s.variable(), run.evaluator().evaluate(s.value(), f.scope()));
            book.ok(entered.log(), null, 0);
        } else if (step instanceof Step.IfStep s) {
            bodies.push(branch(s, entered));
        } else if (step instanceof Step.FailStep s) {
            String reason = s.reason() == null ? "the plan failed" : run.evaluator().text(s.reason(), f.scope());
            throw PlanError.of(ErrorTypes.PLAN_FAILED, reason, path, line);
        } else {
            throw new IllegalStateException("step " + step.getClass().getSimpleName() + " cannot run as promise work");
        }
        return false;
    }

    /** The branch an if takes (conditions evaluated in order, as Walker does). */
    private Body branch(Step.IfStep s, Entered entered) {
        int n = s.branches().size();
        for (int b = 0; b < n; b++) {
            Step.Branch branch = s.branches().get(b);
            if (run.evaluator().condition(branch.condition(), f.scope())) {
                return new Body(branch.body(), StepPaths.body(entered.path(), BodyNames.branch(b, n)), entered);
            }
        }
        return new Body(s.otherwise(), StepPaths.body(entered.path(), BodyNames.branch(n, n)), entered);
    }

    /**
     * What a throw from a step becomes on its way out of the lane: each step it leaves (the step
     * itself, then the if steps around it) logs its end and maps it, as nested runSteps would.
     */
    private RuntimeException unwind(Entered step, RuntimeException e) {
        RuntimeException out = book.failed(step.log(), step.tool(), step.path(), step.line(), f, e);
        while (!bodies.isEmpty()) {
            Body b = bodies.pop();
            if (b.owner != null) {
                out = book.failed(b.owner.log(), b.owner.tool(), b.owner.path(), b.owner.line(), f, out);
            }
        }
        return out;
    }
}
