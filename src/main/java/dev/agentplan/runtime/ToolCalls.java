package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Expr;
import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.runtime.InterpreterState.Compensation;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.ToolCallSummary;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.eval.Values;
import dev.agentplan.runtime.tools.RetryJitter;
import dev.agentplan.runtime.tools.ToolActivityOptions;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import dev.agentplan.validate.flow.ToolFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tool calls: each is an activity whose type is the tool kind's name, with a deterministic
 * idempotency key. A successful call with {@code undo} registers its compensation, with the
 * undo's arguments evaluated right then (so they can use the call's result).
 */
final class ToolCalls {

    static final int SUMMARY_CHARS = 200;

    private final RunContext run;
    private final Map<String, ActivityOptions> toolOptions = new HashMap<>();
    private final List<ErrorInfo> compensationErrors = new ArrayList<>();

    ToolCalls(RunContext run) {
        this.run = run;
    }

    /** Runs a call step; returns the attempt that succeeded. */
    int call(Step.CallStep step, String path, String line, Frame f, StepLog.Running r) {
        return start(step, path, line, f, r).finish();
    }

    /**
     * Starts a call step: everything up to scheduling its activity. {@link Call#finish()} does the
     * rest once the activity settled (or blocks until it has), so a caller can wait on
     * {@link Call#settled()} as a promise instead of a workflow thread.
     */
    Call start(Step.CallStep step, String path, String line, Frame f, StepLog.Running r) {
        Step.ToolCall call = step.call();
        ToolDecl decl = declaration(call.tool(), path, line);
        ToolFacts facts = facts(decl);
        if (facts.needsApproval() && !f.scope().approved()) {
            // Defence in depth: validation proves a gate on every path (AP208); a plan that skipped it stops here.
            throw PlanError.of(ErrorTypes.APPROVAL_MISSING, "tool '" + decl.name() + "' " + facts.approvalReason()
                    + ", but no approval given by a person comes before this call, so it was not run", path, line);
        }
        ObjectNode args = decl.mcpTool() != null
                ? McpCallArguments.of(run.evaluator(), decl, run.definition().effectivePolicy(decl), call.args(), f.scope(),
                        f.scope().approved())
                : arguments(run.evaluator(), decl.kind(), call.args(), f.scope());
        String key = step.idempotencyKey() != null
                ? run.evaluator().text(step.idempotencyKey(), f.scope())
                : IdempotencyKeys.derive(run.workflowId(), run.keySeed(), path, f.iterations());
        run.budgets().beforeToolCall(path, line);
        r.waitingFor = "tool " + call.tool();
        Invocation invocation;
        try {
            invocation = begin(decl, args, key, path, line, summary -> CommandSummaries.toolCall(path, f.iterations(),
                    decl.name(), line, summary));
        } catch (RuntimeException e) {
            r.waitingFor = null;
            throw e;
        }
        return new Call(step, path, line, f, r, key, invocation);
    }

    /** A call step whose activity is scheduled. */
    final class Call {
        private final Step.CallStep step;
        private final String path;
        private final String line;
        private final Frame f;
        private final StepLog.Running r;
        private final String key;
        private final Invocation invocation;

        private Call(Step.CallStep step, String path, String line, Frame f, StepLog.Running r, String key,
                     Invocation invocation) {
            this.step = step;
            this.path = path;
            this.line = line;
            this.f = f;
            this.r = r;
            this.key = key;
            this.invocation = invocation;
        }

        /** Completes when the activity settled, whichever way. */
        Promise<ToolCallResult> settled() {
            return invocation.result;
        }

        /** Binds the result, registers the undo, charges the cost; returns the attempt that succeeded. */
        int finish() {
            ToolCallResult result;
            try {
                result = invocation.finish();
            } finally {
                r.waitingFor = null;
            }
            Walker.bind(f, step.bind(), result.value());
            if (step.undo() != null) {
                ToolDecl undoDecl = declaration(step.undo().tool(), path, line);
                // An undo runs with nobody asked: it never counts as approved.
                ObjectNode undoArgs = undoDecl.mcpTool() != null
                        ? McpCallArguments.of(run.evaluator(), undoDecl, run.definition().effectivePolicy(undoDecl),
                                step.undo().args(), f.scope(), false)
                        : arguments(run.evaluator(), undoDecl.kind(), step.undo().args(), f.scope());
                run.compensations().add(new Compensation(path, line, undoDecl.name(), undoDecl.kind(), undoArgs,
                        IdempotencyKeys.undo(key), f.iterations()));
            }
            run.budgets().charge(result.cost(), path, line);
            return result.attempt();
        }
    }

    /**
     * Runs the registered compensations, newest first. Each failure is logged and the rest still
     * run. Call it in a detached scope so it runs even when the run is being cancelled.
     *
     * @return {how many ran successfully, how many failed}
     */
    int[] compensate(List<Compensation> compensations) {
        int ok = 0;
        int failed = 0;
        for (int i = compensations.size() - 1; i >= 0; i--) {
            Compensation c = compensations.get(i);
            StepLog.Running r = run.log().start(c.stepPath() + "/undo", c.line(), "undo", c.iteration(), run.now());
            try {
                ToolDecl decl = declaration(c.tool(), c.stepPath(), c.line());
                ToolFacts facts = facts(decl);
                if (facts.needsApproval()) {
                    // A compensation runs with nobody asked, and a gate before the call never covered its undo.
                    throw PlanError.of(ErrorTypes.APPROVAL_MISSING, "the undo of step " + c.stepPath() + " calls tool '"
                            + decl.name() + "', which " + facts.approvalReason() + "; a compensation runs without "
                            + "a person's approval, so it was not run", c.stepPath(), c.line());
                }
                ToolCallResult result = invoke(decl, (ObjectNode) c.arguments(), c.idempotencyKey(), c.stepPath(),
                        c.line(), kindName -> CommandSummaries.undo(c.stepPath(), c.iteration(), decl.name(), c.line(),
                                kindName));
                run.log().finish(r, c.tool(), result.attempt(), "ok", run.now());
                ok++;
            } catch (PlanError e) {
                run.log().finish(r, c.tool(), 0, "failed: " + e.type(), run.now());
                compensationErrors.add(e.info());
                failed++;
            } catch (CanceledFailure e) {
                run.log().finish(r, c.tool(), 0, "cancelled", run.now());
                failed++;
            }
        }
        return new int[] {ok, failed};
    }

    /** Why each compensation that failed did not succeed, in the order they ran. */
    List<ErrorInfo> compensationErrors() {
        return List.copyOf(compensationErrors);
    }

    /** The tool's inherited policy, as validation sees it, so run time and validation agree on what needs approval. */
    ToolFacts facts(ToolDecl decl) {
        return ToolFacts.of(run.definition(), decl, run.kind(decl.kind()));
    }

    /** @param summary the activity's summary for the Temporal UI, from the kind's name */
    ToolCallResult invoke(ToolDecl decl, ObjectNode args, String key, String path, String line,
                                  java.util.function.UnaryOperator<String> summary) {
        return begin(decl, args, key, path, line, summary).finish();
    }

    /** Schedules the tool's activity; {@link Invocation#finish()} takes its outcome. */
    private Invocation begin(ToolDecl decl, ObjectNode args, String key, String path, String line,
                             java.util.function.UnaryOperator<String> summary) {
        // Only the secrets the plan names are resolved, and only where the arguments hold a reference:
        // a reference that arrived as data to a secret the plan never names stays plain text.
        boolean references = SecretUses.referencesIn(args);
        List<String> secretNames = references ? run.secretNames() : List.of();
        ToolKind kind = run.kind(decl.kind());
        if (kind == null) {
            throw PlanError.of(ErrorTypes.TOOL_ERROR, "tool '" + decl.name() + "' is of kind '" + decl.kind()
                    + "', which this worker does not have", path, line);
        }
        ToolPolicy policy = run.definition().effectivePolicy(decl);
        ResolvedToolPolicy resolved = ResolvedToolPolicy.of(policy);
        ToolCallRequest request = new ToolCallRequest(decl.name(), kind.name(), args, key, run.workflowId(), path, line,
                references ? run.secretTag() : null, references ? secretNames : null,
                RetryJitter.Backoff.of(ToolActivityOptions.retryOptions(resolved), resolved.jitterPercent()));
        PayloadSizes.check(request, "the arguments of tool '" + decl.name() + "'", path, line);
        ToolCallSummary started = new ToolCallSummary(decl.name(), kind.name(), Values.summary(args, SUMMARY_CHARS),
                null, 0, path, line, "running");
        run.lastToolCall(started);
        run.toolStarted();
        Promise<ToolCallResult> result;
        try {
            result = stub(decl, kind, summary.apply(kind.name())).executeAsync(kind.name(), ToolCallResult.class, request);
        } catch (RuntimeException e) {
            result = Workflow.newFailedPromise(e); // handled by finish() as if get() had thrown it
        }
        return new Invocation(decl, policy, path, line, started, result);
    }

    /** One scheduled tool activity. */
    private final class Invocation {
        private final ToolDecl decl;
        private final ToolPolicy policy;
        private final String path;
        private final String line;
        private final ToolCallSummary started;
        private final Promise<ToolCallResult> result;

        private Invocation(ToolDecl decl, ToolPolicy policy, String path, String line, ToolCallSummary started,
                           Promise<ToolCallResult> result) {
            this.decl = decl;
            this.policy = policy;
            this.path = path;
            this.line = line;
            this.started = started;
            this.result = result;
        }

        /** The activity's outcome (waiting for it if needed), as a plan sees it. */
        ToolCallResult finish() {
            try {
                ToolCallResult done = result.get();
                JsonNode value = Values.orNull(done.value());
                ToolCallResult normalised = new ToolCallResult(value, done.cost(), Math.max(1, done.attempt()));
                finished(started, Values.summary(value, SUMMARY_CHARS), normalised.attempt(), "ok");
                return normalised;
            } catch (ActivityFailure e) {
                RuntimeException mapped = Failures.fromActivity(e, "tool '" + decl.name() + "'", path, line,
                        policy.taskQueue() != null ? policy.taskQueue() : Workflow.getInfo().getTaskQueue());
                finished(started, null, 0, mapped instanceof PlanError p ? "failed: " + p.type() : "cancelled");
                throw mapped;
            } catch (CanceledFailure e) {
                finished(started, null, 0, "cancelled");
                throw e;
            } finally {
                run.toolFinished();
            }
        }
    }

    private void finished(ToolCallSummary started, String result, int attempts, String outcome) {
        if (run.lastToolCall() == started) { // a later call (parallel work) may have become the last one
            run.lastToolCall(new ToolCallSummary(started.tool(), started.kind(), started.arguments(), result, attempts,
                    started.stepPath(), started.line(), outcome));
        }
    }

    /**
     * A stub for one call: the options are the tool's (computed once), the summary the call's own.
     * A stub issues no command by itself, so one per call changes nothing a history holds.
     */
    private ActivityStub stub(ToolDecl decl, ToolKind kind, String summary) {
        ActivityOptions options = toolOptions.computeIfAbsent(decl.name(), name ->
                ToolActivityOptions.from(kind, run.definition().effectivePolicy(decl)));
        return Workflow.newUntypedActivityStub(ActivityOptions.newBuilder(options).setSummary(summary).build());
    }

    ToolDecl declaration(String tool, String path, String line) {
        ToolDecl decl = run.definition().tool(tool);
        if (decl == null) {
            throw PlanError.of(ErrorTypes.TOOL_ERROR, "no tool named '" + tool + "' is declared", path, line);
        }
        return decl;
    }

    /** {@link #arguments(Evaluator, Map, Scope)} of a call of a tool of {@code kind}: an http url is encoded by position. */
    static ObjectNode arguments(Evaluator evaluator, String kind, Map<String, Expr> args, Scope scope) {
        ObjectNode out = Values.NODES.objectNode();
        args.forEach((name, expr) -> out.set(name, BuiltinToolKinds.HTTP.name().equals(kind) && "url".equals(name)
                ? UrlTemplates.evaluate(evaluator, expr, scope) : evaluator.evaluate(expr, scope)));
        return out;
    }

    /** Evaluates named arguments, in order, into an object. */
    static ObjectNode arguments(Evaluator evaluator, Map<String, Expr> args, Scope scope) {
        ObjectNode out = Values.NODES.objectNode();
        args.forEach((name, expr) -> out.set(name, evaluator.evaluate(expr, scope)));
        return out;
    }
}
