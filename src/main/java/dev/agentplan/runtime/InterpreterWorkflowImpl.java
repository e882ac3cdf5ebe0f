package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.api.CancelInfo;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.api.IntentRecord;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunCounts;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import dev.agentplan.runtime.eval.ExpressionError;
import dev.agentplan.runtime.eval.Values;
import io.temporal.failure.ApplicationFailure;
import dev.agentplan.runtime.limits.Limits;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The interpreter workflow: decodes the pinned definition once, checks the inputs, walks the
 * steps inside one cancellation scope, and ends with a {@link RunResult}. On failure or
 * cancellation the registered compensations run (newest first, in a detached scope) before the
 * run ends.
 *
 * <p>Determinism: everything here runs on workflow threads and reads only the definition, the
 * inputs, results of activities and child runs, signals/updates and workflow time. Changing the
 * order or kind of commands this code issues (activities, timers, child runs) breaks replay of
 * runs in flight: guard such changes with
 * {@code Workflow.getVersion("agentplan-<what-changed>", Workflow.DEFAULT_VERSION, 1)} and keep the
 * old branch until no run from before the change can still be open. Change ids are never reused.
 */
public final class InterpreterWorkflowImpl implements InterpreterWorkflow {

    private final PlanDecoder decoder;
    private final Function<String, ToolKind> kinds;
    private final Approvals approvals = new Approvals();
    private final Signals signals = new Signals();
    private final List<IgnoredSignal> ignored = new ArrayList<>();
    private final Intents intents = new Intents(this::ignore);

    private PinnedDefinition pinned;
    /** The names the plan's {@code await signal} steps wait for; null until the plan is decoded. */
    private java.util.Set<String> awaitable;
    private RunContext ctx;
    private Walker walker;
    private CancellationScope main;
    private CancelInfo cancelled;
    private boolean ending;
    private boolean deadlineHit;
    private RunState finalState;
    private ErrorInfo finalError;

    public InterpreterWorkflowImpl(PlanDecoder decoder, Function<String, ToolKind> kinds) {
        this.decoder = decoder;
        this.kinds = kinds;
    }

    @Override
    public RunResult run(RunRequest request) {
        pinned = request.definition();
        AgentDefinition definition;
        try {
            String jsonName = pinned.name() + "@" + pinned.version() + ".json";
            definition = decoder.decode(jsonName, pinned.canonicalJson()); // lean: no schema check, see JsonPlanDecoder
        } catch (RuntimeException e) {
            return end(RunState.FAILED, null, new ErrorInfo(ErrorTypes.INVALID_DEFINITION,
                    "the pinned definition of " + pinned.name() + " cannot be decoded: " + e.getMessage(), "", "", null),
                    null, 0, 0);
        }
        awaitable = awaitedSignals(definition);
        InterpreterState resume = request.resume();
        ObjectNode inputs;
        if (resume != null) {
            approvals.restore(resume.approvals());
            signals.restore(resume.bufferedSignals());
            if (resume.ignoredSignals() != null) {
                ignored.addAll(0, resume.ignoredSignals());
            }
            inputs = resume.inputs() instanceof ObjectNode o ? o : Values.NODES.objectNode();
        } else {
            long inputBytes = PayloadSizes.of(request.inputs());
            if (inputBytes > Limits.PAYLOAD_MAX_BYTES) { // a real server refuses such a start; the test server does not
                return end(RunState.FAILED, null, PayloadSizes.tooLarge("the run's inputs", inputBytes, "input", "", "")
                        .info(), null, 0, 0);
            }
            try {
                inputs = InputChecker.check(definition, request.inputs(), new Evaluator(Workflow::currentTimeMillis,
                        SecretPlaceholders.references(Workflow.getInfo().getFirstExecutionRunId())));
            } catch (PlanError e) {
                return end(RunState.FAILED, null, e.info(), null, 0, 0);
            }
        }
        ctx = new RunContext(pinned, definition, kinds, inputs, resume, request.continueAsNewAfterEvents(),
                approvals, signals, ignored, request.keySeed());
        ctx.intents(intents);
        Walker walker = new Walker(ctx);
        this.walker = walker;
        JsonNode[] output = new JsonNode[1];
        main = Workflow.newCancellationScope(() -> {
            intents.start(definition, ctx.root(), ctx.evaluator(), resume == null ? null : resume.intents(),
                    resume != null, Workflow.currentTimeMillis());
            walker.runBody(definition.steps(), "", Frame.root(ctx.root()));
            output[0] = output(definition.output());
        });
        if (cancelled != null) {
            main.cancel(cancelled.reason()); // cancelled before the walk began
        }
        CancellationScope deadline = startDeadline();
        try {
            main.run();
            long outputBytes = PayloadSizes.of(output[0]);
            if (outputBytes > Limits.PAYLOAD_MAX_BYTES) { // completing with it would fail the task for ever
                return failed(walker, PayloadSizes.tooLarge("the run's output", outputBytes, "output", "", "").info());
            }
            return end(RunState.COMPLETED, output[0], null, null, 0, 0);
        } catch (PlanError e) {
            return failed(walker, e.info());
        } catch (CanceledFailure e) {
            if (deadlineHit) {
                return failed(walker, ctx.budgets().durationExceeded(ctx.stoppedStep(), ctx.stoppedLine()).info());
            }
            return cancelledRun(walker);
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("io.temporal.")) {
                throw e; // the SDK's own signals (non-determinism and the like) must reach the SDK
            }
            return failed(walker, new ErrorInfo(ErrorTypes.INTERNAL_ERROR, "the interpreter failed: " + e,
                    "", "", null));
        } finally {
            deadline.cancel();
        }
    }

    private static java.util.Set<String> awaitedSignals(AgentDefinition definition) {
        java.util.Set<String> names = new java.util.HashSet<>();
        dev.agentplan.model.StepPaths.walk(definition.steps(), "", (path, step) -> {
            if (step instanceof dev.agentplan.model.Step.AwaitSignalStep w) {
                names.add(w.signal());
            }
        });
        return names;
    }

    private JsonNode output(Map<String, Expr> fields) {
        ObjectNode out = Values.NODES.objectNode();
        for (Map.Entry<String, Expr> field : fields.entrySet()) {
            try {
                out.set(field.getKey(), ctx.evaluator().evaluate(field.getValue(), ctx.root()));
            } catch (ExpressionError e) {
                throw PlanError.of(e.type(), "output field '" + field.getKey() + "': " + e.reason(),
                        "output", "");
            }
        }
        return out;
    }

    /** Fails the walk with the duration budget when it runs out, whatever the walk is waiting for. */
    private CancellationScope startDeadline() {
        Duration left = ctx.budgets().durationLeft(ctx.now());
        CancellationScope scope = Workflow.newCancellationScope(() -> {
            if (left == null) {
                return;
            }
            Async.procedure(() -> {
                try {
                    Workflow.newTimer(left, TimerOptions.newBuilder().setSummary(
                            CommandSummaries.durationBudget(left, pinned.name(), pinned.version())).build()).get();
                } catch (CanceledFailure runEnded) {
                    return;
                }
                deadlineHit = true;
                main.cancel("the duration budget is used up");
            });
        });
        scope.run();
        return scope;
    }

    private RunResult failed(Walker walker, ErrorInfo error) {
        int[] comp = compensate(walker);
        return end(RunState.FAILED, null, error, ctx.budgets().usage(), comp[0], comp[1]);
    }

    private RunResult cancelledRun(Walker walker) {
        if (cancelled == null) {
            String reason = CancellationScope.current().getCancellationReason();
            cancelled = new CancelInfo("temporal", reason == null || reason.isBlank()
                    ? "cancellation requested through Temporal" : reason, StepLog.iso(Workflow.currentTimeMillis()));
        }
        int[] comp = compensate(walker);
        return end(RunState.CANCELLED, null, new ErrorInfo(ErrorTypes.CANCELLED, "cancelled by " + cancelled.by()
                + (cancelled.reason() == null || cancelled.reason().isBlank() ? "" : ": " + cancelled.reason()),
                ctx.stoppedStep(), ctx.stoppedLine(), null), ctx.budgets().usage(), comp[0], comp[1]);
    }

    private int[] compensate(Walker walker) {
        ending = true;
        List<InterpreterState.Compensation> registered = List.copyOf(ctx.compensations());
        if (registered.isEmpty()) {
            return new int[] {0, 0};
        }
        int[][] counts = new int[1][];
        Workflow.newDetachedCancellationScope(() -> counts[0] = walker.tools().compensate(registered)).run();
        return counts[0];
    }

    private RunResult end(RunState state, JsonNode output, ErrorInfo error, InterpreterState.Usage used,
                          int compensated, int compensationsFailed) {
        ending = true;
        intents.finish();
        finalState = state;
        finalError = error;
        if (used == null && ctx != null) {
            used = ctx.budgets().usage();
        }
        RunCounts counts = new RunCounts(used == null ? 0 : used.toolCalls(), used == null ? 0 : used.steps(),
                used == null ? BigDecimal.ZERO : used.cost(), ctx == null ? 1 : ctx.segment(), compensated,
                compensationsFailed);
        return new RunResult(state, output, error, counts,
                walker == null ? List.of() : walker.tools().compensationErrors());
    }

    // ---- queries ----

    @Override
    public RunStatus status() {
        String name = pinned == null ? null : pinned.name();
        int version = pinned == null ? 0 : pinned.version();
        String sha = pinned == null ? null : pinned.sha256();
        RunState state = finalState != null ? finalState : ctx == null ? RunState.RUNNING : ctx.liveState();
        if (ctx == null) {
            return new RunStatus(name, version, sha, state, List.of(), null, List.of(), approvals.decided(),
                    List.of(), List.of(), List.of(), 0, cancelled, finalError, List.copyOf(ignored), 1,
                    List.of(), intents.last(), List.of());
        }
        return new RunStatus(name, version, sha, state, ctx.log().active(), ctx.lastToolCall(),
                approvals.pendingViews(), approvals.decided(), signals.awaited(),
                ctx.budgets().report(Workflow.currentTimeMillis()), ctx.log().entries(), ctx.log().total(),
                cancelled, finalError, List.copyOf(ignored), ctx.segment(), intents.views(pinned.sourceLines()),
                intents.last(), intents.bufferedNames());
    }

    // ---- approvals ----

    private String refusal(GateDecision d) {
        if (ending || finalState != null) {
            return "the run has finished";
        }
        long bytes = d == null ? 0 : PayloadSizes.of(d);
        if (bytes > Limits.DECISION_MAX_BYTES) { // decisions are kept in the run's state and status
            return "the decision is " + Limits.bytes(bytes) + ", over the limit of " + Limits.bytes(Limits.DECISION_MAX_BYTES)
                    + " for a decision: shorten the comment";
        }
        return approvals.refusal(d);
    }

    /**
     * Refuses at once (no history event) only what names nobody or comes after the end. A decision
     * by someone not allowed, or on a gate that is not pending, is accepted into the history and
     * refused by the handler, which keeps it in the run's refused list: a validator cannot record
     * anything, and an audit must show who tried. No command changes: an update handler's failure
     * is an update outcome, not a command.
     */
    @Override
    public void validateDecide(GateDecision decision) {
        String why = ending || finalState != null ? "the run has finished" : Approvals.malformed(decision);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    @Override
    public String decide(GateDecision decision) {
        String why = refusal(decision);
        if (why != null) {
            ignore("decision on " + decision.gate() + " by " + decision.approver(), why);
            throw ApplicationFailure.newNonRetryableFailure(why, "DecisionRefused");
        }
        if (!approvals.decide(decision, Workflow.currentTimeMillis())) {
            return "approval gate '" + decision.gate() + "' was already decided";
        }
        return (decision.approved() ? "approved " : "rejected ") + decision.gate();
    }

    @Override
    public void decideAsync(GateDecision decision) {
        String why = refusal(decision);
        if (why != null) {
            ignore(decision == null ? "decision" : "decision on " + decision.gate() + " by " + decision.approver(), why);
            return;
        }
        approvals.decide(decision, Workflow.currentTimeMillis());
    }

    // ---- signals ----

    @Override
    public void signal(String name, JsonNode payload) {
        if (name == null || name.isBlank()) {
            ignore("signal", "a signal needs a name");
            return;
        }
        long bytes = PayloadSizes.of(payload);
        if (bytes > Limits.PAYLOAD_MAX_BYTES) { // buffered signals are carried across continue-as-new
            ignore("signal " + (name.length() > 100 ? name.substring(0, 100) + "…" : name), "its payload is "
                    + Limits.bytes(bytes) + ", over Temporal's limit of " + Limits.bytes(Limits.PAYLOAD_MAX_BYTES)
                    + " for one payload");
            return;
        }
        if (intents.declares(name)) { // a plain signal sent to a handler's event: the same as `intent`, sender unknown
            intent(new IntentEvent(name, payload, null));
            return;
        }
        if (awaitable != null && !awaitable.contains(name)) {
            // kept nowhere, since nothing could ever take it: recorded as ignored, visibly
            ignore("signal '" + name + "'", "no step of this plan waits for signal '" + name + "'");
            return;
        }
        signals.deliver(name, Values.orNull(payload));
    }

    // ---- intent handlers ----

    /** An intent's payload over Temporal's payload limit: the handler's variable is carried across continue-as-new. */
    private static String tooLarge(IntentEvent event) {
        long bytes = event == null ? 0 : PayloadSizes.of(event.payload());
        return bytes > Limits.PAYLOAD_MAX_BYTES ? "its payload is " + Limits.bytes(bytes) + ", over Temporal's limit of "
                + Limits.bytes(Limits.PAYLOAD_MAX_BYTES) + " for one payload" : null;
    }

    @Override
    public void intent(IntentEvent event) {
        String why = tooLarge(event);
        why = why != null ? why : intents.refusal(event, IntentHandler.Kind.SIGNAL);
        if (why != null) {
            intents.ignored(event, why, Workflow.currentTimeMillis());
            return;
        }
        intents.receive(event, IntentHandler.Kind.SIGNAL, Workflow.currentTimeMillis());
    }

    @Override
    public void validateIntentUpdate(IntentEvent event) {
        String why = ending || finalState != null ? "the run has finished" : tooLarge(event);
        why = why != null ? why : intents.refusal(event, IntentHandler.Kind.UPDATE);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    @Override
    public String intentUpdate(IntentEvent event) {
        IntentRecord r = intents.receive(event, IntentHandler.Kind.UPDATE, Workflow.currentTimeMillis());
        return "accepted " + event.name() + ": " + r.outcome();
    }

    // ---- cancellation ----

    private String cancelRefusal(CancelRequest request) {
        if (request == null || request.by() == null || request.by().isBlank()) {
            return "a cancel request must say who cancels (by)";
        }
        if (finalState != null || ending) {
            return "the run has already " + (finalState == null ? "ended" : "ended " + finalState);
        }
        if (cancelled != null) {
            return "the run is already being cancelled (by " + cancelled.by() + ")";
        }
        long bytes = PayloadSizes.of(request);
        if (bytes > Limits.DECISION_MAX_BYTES) { // the reason ends up in the run's result
            return "the cancel request is " + Limits.bytes(bytes) + ", over the limit of "
                    + Limits.bytes(Limits.DECISION_MAX_BYTES) + ": shorten the reason";
        }
        return null;
    }

    @Override
    public void validateCancel(CancelRequest request) {
        String why = cancelRefusal(request);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
    }

    @Override
    public String cancel(CancelRequest request) {
        cancelled = new CancelInfo(request.by(), request.reason(), StepLog.iso(Workflow.currentTimeMillis()));
        if (main != null) {
            main.cancel(request.reason());
        }
        return "cancelling";
    }

    @Override
    public void cancelAsync(CancelRequest request) {
        String why = cancelRefusal(request);
        if (why != null) {
            ignore("cancel", why);
            return;
        }
        cancel(request);
    }

    private void ignore(String what, String why) {
        what = what.length() > 200 ? what.substring(0, 200) + "…" : what; // a client's names: kept in the state
        ignored.add(new IgnoredSignal(StepLog.iso(Workflow.currentTimeMillis()), what, why));
        while (ignored.size() > 100) {
            ignored.remove(0);
        }
    }
}
