package dev.agentplan.validate.bounds;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Budget;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.ValidationCodes;
import dev.agentplan.validate.flow.NodeLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Worst-case bounds of a plan, from the model alone: the costliest path through every branch,
 * every loop at its bound, every call at its timeout with every retry, every wait, approval and
 * signal at its timeout, and parallel work side by side (time is the longest lane, everything
 * else adds up). Budgets cap what they limit. A figure that no bound can be put on says why.
 */
public final class Bounds {

    private final AgentDefinition plan;
    private final Budget budget;
    private final Set<String> notes = new LinkedHashSet<>();
    private boolean parallel;
    /** The most history one simple step writes (events, bytes): with a steps budget, steps × these bound the walk. */
    private long stepEvents;
    private long stepBytes;

    private Bounds(AgentDefinition plan) {
        this.plan = plan;
        this.budget = plan.budget();
    }

    public static PlanBounds of(AgentDefinition plan) {
        return new Bounds(plan).compute();
    }

    private PlanBounds compute() {
        Cost walk = body(plan.steps());
        for (dev.agentplan.model.IntentHandler h : plan.handlers()) {
            notes.add("intent events (on " + h.kind().keyword() + " \"" + h.event()
                    + "\") add about 4 history events each and are not counted");
        }
        Long callCap = min(budget.toolCalls() == null ? null : (long) budget.toolCalls(),
                budget.steps() == null ? null : (long) budget.steps());
        Figure undo = walk.undoCalls().cappedBy(callCap);
        Figure calls = walk.calls().cappedBy(callCap).plus(undo);
        Figure steps = walk.steps().cappedBy(budget.steps() == null ? null : (long) budget.steps());
        Long deadline = budget.duration() == null ? null : millis(budget.duration());
        Figure millis = walk.millis().cappedBy(deadline).plus(walk.undoMillis());

        Figure walkEvents = walk.events();
        Figure walkBytes = walk.bytes();
        if (budget.steps() != null) {
            walkEvents = walkEvents.cappedBy(Figure.of(budget.steps()).times(stepEvents).value());
            walkBytes = walkBytes.cappedBy(Figure.of(budget.steps()).times(stepBytes).value());
        }
        long fixedEvents = HistoryModel.START + HistoryModel.END + (deadline == null ? 0 : HistoryModel.TIMER)
                + (parallel ? HistoryModel.MARKER : 0) + HistoryModel.CANCEL;
        Figure events = walkEvents.plus(walk.undoEvents()).plus(fixedEvents);
        Figure segments = events.known() ? Figure.of(1 + events.value() / HistoryModel.SEGMENT_EVENTS) : events;
        long segmentStart = startBytes();
        events = events.plus(segments.known() ? (segments.value() - 1) * (HistoryModel.START + HistoryModel.END) : 0);
        Figure bytes = walkBytes.plus(walk.undoBytes()).plus(Figure.of(fixedEvents * HistoryModel.EVENT_BYTES))
                .plus(segments.times(segmentStart + (HistoryModel.START + HistoryModel.END) * HistoryModel.EVENT_BYTES));

        List<Diagnostic> warnings = new ArrayList<>();
        history(walk, segmentStart, warnings);
        if (deadline != null && walk.millis().known() && walk.millis().value() > deadline) {
            warnings.add(Diagnostic.warning(ValidationCodes.DURATION_BUDGET_BELOW_WORST.code,
                    "the worst case run takes " + NodeLabels.duration(Duration.ofMillis(walk.millis().value()))
                            + " (every call at its timeout with every retry, every wait, approval and signal at its"
                            + " timeout, every loop at its bound), longer than the budget's duration "
                            + NodeLabels.duration(budget.duration()) + ": such a run is stopped with BudgetExceeded",
                    budget.span(), "raise the budget's `duration` to at least "
                            + NodeLabels.duration(Duration.ofMillis(walk.millis().value()))
                            + ", or shorten timeouts, retries or waits, if the run must never be stopped by it"));
        }
        
        return new PlanBounds(calls, undo, steps, millis, walk.millis().plus(walk.undoMillis()), cost(), events, bytes, segments, walk.chunkEvents(),
                walk.chunkBytes(), List.copyOf(notes), warnings);
    }

    private void history(Cost walk, long segmentStart, List<Diagnostic> out) {
        if (!walk.chunkEvents().known() || walk.chunkEvents().value() == 0) {
            return;
        }
        // A segment may already hold nearly a continue-as-new threshold's worth when the chunk starts.
        long events = walk.chunkEvents().value() + HistoryModel.SEGMENT_EVENTS + HistoryModel.START + HistoryModel.END;
        long bytes = Figure.saturatedAdd(walk.chunkBytes().value(), segmentStart + 4L * 1024 * 1024);
        if (events > HistoryModel.MAX_EVENTS || bytes > HistoryModel.MAX_BYTES) {
            out.add(Diagnostic.warning(ValidationCodes.HISTORY_OVER_LIMITS.code,
                    "this parallel step can write about " + walk.chunkEvents().value() + " history events ("
                            + mib(walk.chunkBytes().value()) + ") with no point to continue as new inside it; with the"
                            + " rest of its segment that is more than Temporal's limit of " + HistoryModel.MAX_EVENTS
                            + " events or 50 MiB per history, so the server would terminate the run",
                    walk.chunkAt(), "split the work: run fewer iterations or lanes at once inside a sequential loop"
                            + " (each pass can continue as new), or move it into a child run (`run agent(...)`)"));
        }
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /** The pinned definition and what a segment's start carries besides it. */
    private long startBytes() {
        long json;
        try {
            json = JsonPlanCodec.encode(plan).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        } catch (RuntimeException unencodable) {
            json = 64 * 1024;
        }
        int[] statements = {0};
        Set<String> names = new LinkedHashSet<>();
        StepPaths.walk(plan.steps(), "", (path, step) -> {
            statements[0]++;
            if (step.binding() != null) {
                names.add(step.binding());
            }
        });
        return json + statements[0] * HistoryModel.LINE_BYTES
                + (plan.inputs().size() + names.size() + 1) * HistoryModel.PAYLOAD_BYTES;
    }

    private Figure cost() {
        for (ToolDecl t : plan.tools()) {
            if (!BuiltinToolKinds.all().containsKey(t.kind()) || BuiltinToolKinds.LLM_CHAT.name().equals(t.kind())) {
                return Figure.unknown("tool `" + t.name() + "` (" + t.kind() + ") is charged by the tokens it uses,"
                        + " known only at run time (llm.chat: the budget's `price` for its model, else the worker's"
                        + " configured price per 1000 tokens)"
                        + (budget.cost() == null ? "" : "; the cost budget " + budget.cost().toPlainString()
                        + " stops the run once exceeded, after the call that exceeds it"), t.span());
            }
        }
        return Figure.ZERO;
    }

    // ---- the walk ----

    private Cost body(List<Step> steps) {
        Cost c = Cost.NONE;
        for (Step s : steps) {
            c = c.then(step(s));
        }
        return c;
    }

    private Cost step(Step step) {
        return step.accept(new StepCost());
    }

    /** The cost of one step, decided for every kind: a new kind must say what it costs. */
    private final class StepCost implements Step.Visitor<Cost> {
        @Override
        public Cost visitCall(Step.CallStep s) {
            return call(s);
        }

        @Override
        public Cost visitIf(Step.IfStep s) {
            Cost worst = body(s.otherwise());
            for (Step.Branch b : s.branches()) {
                worst = worst.or(body(b.body()));
            }
            return worst.plusSteps(1);
        }

        @Override
        public Cost visitForEach(Step.ForEachStep s) {
            return forEach(s);
        }

        @Override
        public Cost visitWhile(Step.WhileStep s) {
            Figure n = s.maxIterations() != null ? Figure.of(s.maxIterations())
                    : loopCap(Figure.unknown("the `while` at " + where(s.span()) + " has no `max`", s.span()));
            return body(s.body()).repeated(n).plusSteps(1);
        }

        @Override
        public Cost visitParallel(Step.ParallelStep s) {
            parallel = true;
            Cost lanes = null;
            for (Step.Lane lane : s.lanes()) {
                Cost l = body(lane.body());
                lanes = lanes == null ? l : lanes.beside(l);
            }
            return (lanes == null ? Cost.NONE : lanes).asChunk(s.span()).plusSteps(1);
        }

        @Override
        public Cost visitWait(Step.WaitStep s) {
            return simple(0, Figure.of(s.duration() == null ? 0 : millis(s.duration())), HistoryModel.TIMER,
                    HistoryModel.TIMER * HistoryModel.EVENT_BYTES);
        }

        @Override
        public Cost visitAwaitSignal(Step.AwaitSignalStep s) {
            Figure wait = s.timeout() == null
                    ? Figure.unknown("`await signal \"" + s.signal() + "\"` at " + where(s.span()) + " has no timeout",
                    s.span()) : Figure.of(millis(s.timeout()));
            return simple(0, wait, HistoryModel.SIGNAL,
                    HistoryModel.SIGNAL * HistoryModel.EVENT_BYTES + HistoryModel.PAYLOAD_BYTES);
        }

        @Override
        public Cost visitApprove(Step.ApproveStep s) {
            Figure wait = s.timeout() == null
                    ? Figure.unknown("approval `" + s.name() + "` at " + where(s.span()) + " has no timeout", s.span())
                    : Figure.of(millis(s.timeout()));
            return simple(0, wait, HistoryModel.APPROVAL,
                    HistoryModel.APPROVAL * HistoryModel.EVENT_BYTES + 2 * HistoryModel.PAYLOAD_BYTES);
        }

        @Override
        public Cost visitTry(Step.TryStep s) {
            Cost catches = Cost.NONE;
            for (Step.Catch c : s.catches()) {
                catches = catches.or(body(c.body()));
            }
            return body(s.body()).then(catches).then(body(s.finallyBody())).plusSteps(1);
        }

        @Override
        public Cost visitHandle(Step.HandleStep s) {
            notes.add("intent events (on " + s.handler().kind().keyword() + " \"" + s.handler().event()
                    + "\") add about 4 history events each and are not counted");
            return body(s.body()).plusSteps(1);
        }

        @Override
        public Cost visitModelLoop(Step.ModelLoopStep s) {
            return modelLoop(s);
        }

        @Override
        public Cost visitRunAgent(Step.RunAgentStep s) {
            notes.add("child runs (`run " + s.agent() + "` at " + where(s.span()) + ") make their calls and steps in"
                    + " their own history; they are not counted here");
            return simple(0, Figure.unknown("the child run `run " + s.agent() + "` at " + where(s.span())
                            + " takes as long as the child's plan (not known offline)", s.span()), HistoryModel.CHILD,
                    HistoryModel.CHILD * HistoryModel.EVENT_BYTES + 2 * HistoryModel.PAYLOAD_BYTES);
        }

        @Override
        public Cost visitSet(Step.SetStep s) {
            return workflowCode();
        }

        @Override
        public Cost visitFail(Step.FailStep s) {
            return workflowCode();
        }

        @Override
        public Cost visitAssert(Step.AssertStep s) {
            return workflowCode();
        }

        /** Set, fail and assert are workflow code: one step, no history of their own. */
        private Cost workflowCode() {
            return Cost.of(0, 1, Figure.ZERO, 0, 0);
        }
    }

    /**
     * A model loop: up to {@code max_turns} model calls, but the model chooses how many tool calls each
     * turn makes (and whether a gated one waits for its approval), so calls, time and history are
     * known only up to the budget's caps; the figures name the loop.
     */
    private Cost modelLoop(Step.ModelLoopStep s) {
        String why = "the model chooses the tool calls of `loop " + s.model() + "` at " + where(s.span())
                + " (up to " + s.maxTurns() + " turns, any number of calls a turn)";
        Figure unknown = Figure.unknown(why, s.span());
        stepEvents = Math.max(stepEvents, HistoryModel.CALL);
        stepBytes = Math.max(stepBytes, HistoryModel.CALL * HistoryModel.EVENT_BYTES + 2 * HistoryModel.PAYLOAD_BYTES);
        return new Cost(unknown, unknown, unknown, unknown, unknown, Figure.ZERO, Figure.ZERO, Figure.ZERO,
                Figure.ZERO, Figure.ZERO, Figure.ZERO, SourceSpan.NONE);
    }

    /** A simple step's cost, noted for the steps-budget cap. */
    private Cost simple(long calls, Figure millis, long events, long bytes) {
        stepEvents = Math.max(stepEvents, events);
        stepBytes = Math.max(stepBytes, bytes);
        return Cost.of(calls, 1, millis, events, bytes);
    }

    private Cost call(Step.CallStep s) {
        Cost call = callOf(s.call());
        if (s.undo() == null) {
            return call;
        }
        return call.withUndo(callOf(s.undo()).plusSteps(-1));
    }

    private Cost callOf(Step.ToolCall c) {
        ToolDecl decl = plan.tool(c.tool());
        long ms = decl == null ? millis(dev.agentplan.model.ResolvedToolPolicy.DEFAULT_TIMEOUT)
                : CallTime.millis(plan.effectivePolicy(decl));
        return simple(1, Figure.of(ms), HistoryModel.CALL,
                HistoryModel.CALL * HistoryModel.EVENT_BYTES + 2 * HistoryModel.PAYLOAD_BYTES);
    }

    private Cost forEach(Step.ForEachStep s) {
        Long size = listSize(s.items());
        Figure n = size != null ? Figure.of(size) : loopCap(Figure.unknown("`for each " + s.variable()
                + "` at " + where(s.span()) + " runs once per item of a list known only at run time (the language"
                + " declares no maximum)", s.span()));
        Cost once = body(s.body());
        if (!s.parallel()) {
            return once.repeated(n).plusSteps(1);
        }
        parallel = true;
        int lanes = Math.max(1, s.maxConcurrency());
        Figure waves = n.known() ? Figure.of((n.value() + lanes - 1) / lanes) : n;
        Cost all = once.repeated(n);
        return all.withMillis(once.millis().times(waves)).asChunk(s.span()).plusSteps(1);
    }

    /** A loop count no bound is written for: the steps budget still bounds it (each pass takes a step). */
    private Figure loopCap(Figure unknown) {
        if (budget.steps() != null) {
            notes.add(unknown.unknownWhy() + ": bounded by the budget's `steps " + budget.steps() + "`");
            return Figure.of(budget.steps());
        }
        return unknown;
    }

    /** How many items a literal list (or a join of literal lists) has; null when only a run can tell. */
    private static Long listSize(Expr e) {
        if (e instanceof Expr.ListExpr l) {
            return (long) l.items().size();
        }
        if (e instanceof Expr.BinaryExpr b && b.op() == Expr.BinaryOp.ADD) {
            Long left = listSize(b.left());
            Long right = listSize(b.right());
            return left == null || right == null ? null : left + right;
        }
        return null;
    }

    private static String where(SourceSpan span) {
        return span.isKnown() ? (span.file().isEmpty() ? "" : span.file() + ":") + span.line() : "its step";
    }

    private static long millis(Duration d) {
        try {
            return Math.min(d.toMillis(), Figure.CAP);
        } catch (ArithmeticException huge) {
            return Figure.CAP;
        }
    }

    private static Long min(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return Math.min(a, b);
    }
}
