package dev.agentplan.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One statement of a plan. Every step carries its source span so runtime errors, the audit
 * trail and diffs can name the line it came from. Nested bodies are lists of steps; see
 * {@link StepPaths} for the stable address of each step.
 */
public sealed interface Step {

    SourceSpan span();

    /** Calls the visitor's method for this kind: adding a kind fails to compile wherever it is not handled. */
    <R> R accept(Visitor<R> visitor);

    /** The nested bodies, in source order, each with its durable name ({@link BodyNames}); empty for a leaf step. */
    default List<Body> bodies() {
        return List.of();
    }

    /** The expressions this step evaluates itself (not those of its bodies), in source order; absent ones left out. */
    List<Expr> expressions();

    /**
     * One exhaustive method per step kind. Use it where the behaviour must be decided for every
     * kind (printing, encoding, the flow graph, bounds, the interpreter's executors): a new kind
     * then fails to compile there. Everywhere else prefer the generic {@link #bodies()},
     * {@link #expressions()} and {@link #binding()} walks, with an {@code instanceof} filter for
     * the one or two kinds a check is about, so a new kind touches as few files as possible
     * (the target is eight, the grammar and the schema included).
     */
    interface Visitor<R> {
        R visitCall(CallStep s);

        R visitIf(IfStep s);

        R visitForEach(ForEachStep s);

        R visitWhile(WhileStep s);

        R visitParallel(ParallelStep s);

        R visitWait(WaitStep s);

        R visitAwaitSignal(AwaitSignalStep s);

        R visitApprove(ApproveStep s);

        R visitSet(SetStep s);

        R visitTry(TryStep s);

        R visitHandle(HandleStep s);

        R visitModelLoop(ModelLoopStep s);

        R visitFail(FailStep s);

        R visitAssert(AssertStep s);

        R visitRunAgent(RunAgentStep s);
    }

    /**
     * A nested body and its name within its step.
     *
     * @param name the durable name ({@code then}, {@code elif1}, {@code else}, {@code body}, {@code lane:x},
     *     {@code try}, {@code catch1}, {@code finally})
     * @param steps the body's steps
     * @param scoping where the names the body binds live
     * @param entryBinding the name the step binds as the body is entered (a loop variable, a catch
     *     variable), or null; it lives where the body's names live
     */
    record Body(String name, List<Step> steps, Scoping scoping, String entryBinding) {
        public Body {
            steps = Ordered.list(steps);
        }

        Body(String name, List<Step> steps) {
            this(name, steps, Scoping.SHARED, null);
        }
    }

    /** Where the names bound in a body live. */
    enum Scoping {
        /** In the enclosing scope (sequential bodies). */
        SHARED,
        /** In the body's own scope, gathered into the step's result (a lane). */
        OWN,
        /** In one scope per iteration, each name lifted out as the list of its values (parallel for each). */
        PER_ITERATION
    }

    /** The name this step binds its result to, or null. Used to match steps across versions. */
    default String binding() {
        return null;
    }

    /** The non-null ones of {@code exprs}, in order. */
    private static List<Expr> present(Expr... exprs) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : exprs) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code tool(arg: expr, …)}: a use of a declared tool (in a call step or as an undo action). */
    record ToolCall(String tool, Map<String, Expr> args, SourceSpan span) {
        public ToolCall {
            args = Ordered.map(args);
        }
    }

    /**
     * {@code [bind =] tool(args) [key expr] [undo tool(args)]}.
     *
     * @param bind the variable the result is bound to, or null
     * @param idempotencyKey an explicit idempotency key expression, or null for the derived key
     * @param undo the compensation registered once this call succeeds, or null
     */
    record CallStep(String bind, ToolCall call, Expr idempotencyKey, ToolCall undo, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCall(this);
        }

        @Override
        public List<Expr> expressions() {
            List<Expr> out = new ArrayList<>(call.args().values());
            if (idempotencyKey != null) {
                out.add(idempotencyKey);
            }
            if (undo != null) {
                out.addAll(undo.args().values());
            }
            return out;
        }

        @Override
        public String binding() {
            return bind;
        }
    }

    /** {@code if c { … } else if c { … } else { … }}: branches in order, then the else body (maybe empty). */
    record IfStep(List<Branch> branches, List<Step> otherwise, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIf(this);
        }

        @Override
        public List<Expr> expressions() {
            return branches.stream().map(Branch::condition).toList();
        }

        @Override
        public List<Body> bodies() {
            List<Body> out = new ArrayList<>();
            for (int b = 0; b < branches.size(); b++) {
                out.add(new Body(BodyNames.branch(b, branches.size()), branches.get(b).body()));
            }
            out.add(new Body(BodyNames.ELSE, otherwise));
            return out;
        }

        public IfStep {
            branches = Ordered.list(branches);
            otherwise = Ordered.list(otherwise);
        }
    }

    record Branch(Expr condition, List<Step> body, SourceSpan span) {
        public Branch {
            body = Ordered.list(body);
        }
    }

    /**
     * {@code for each x in items [parallel N] { … }}.
     *
     * @param maxConcurrency null for a sequential loop; otherwise the most iterations in flight
     */
    record ForEachStep(String variable, Expr items, Integer maxConcurrency, List<Step> body, SourceSpan span)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitForEach(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of(items);
        }

        @Override
        public List<Body> bodies() {
            return List.of(new Body(BodyNames.BODY, body, parallel() ? Scoping.PER_ITERATION : Scoping.SHARED, variable));
        }

        public ForEachStep {
            body = Ordered.list(body);
        }

        public boolean parallel() {
            return maxConcurrency != null;
        }
    }

    /** {@code while cond max N { … }}; maxIterations may be null only in a plan that fails validation. */
    record WhileStep(Expr condition, Integer maxIterations, List<Step> body, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWhile(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of(condition);
        }

        @Override
        public List<Body> bodies() {
            return List.of(new Body(BodyNames.BODY, body));
        }

        public WhileStep {
            body = Ordered.list(body);
        }
    }

    enum JoinMode {
        /** Wait for every lane; the first failure fails the step. */
        ALL,
        /** The first lane to succeed wins; the others are cancelled. Fails only when every lane fails. */
        FIRST
    }

    /** {@code [bind =] parallel all|first { lane a { … } lane b { … } }}. */
    record ParallelStep(String bind, JoinMode mode, List<Lane> lanes, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitParallel(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of();
        }

        @Override
        public List<Body> bodies() {
            return lanes.stream().map(l -> new Body(BodyNames.lane(l.name()), l.body(), Scoping.OWN, null)).toList();
        }

        public ParallelStep {
            lanes = Ordered.list(lanes);
        }

        @Override
        public String binding() {
            return bind;
        }
    }

    record Lane(String name, List<Step> body, SourceSpan span) {
        public Lane {
            body = Ordered.list(body);
        }
    }

    /** {@code wait 10m}: a durable timer. */
    record WaitStep(Duration duration, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWait(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of();
        }

    }

    enum SignalTimeout {
        /** The run fails with error type {@code SignalTimeout}. */
        FAIL,
        /** The bound variable is null and the run goes on. */
        CONTINUE
    }

    /**
     * {@code [bind =] await signal "name" { timeout 2h  on_timeout fail|continue }}: waits for an
     * external signal; its payload becomes the bound value.
     */
    record AwaitSignalStep(String bind, String signal, Duration timeout, SignalTimeout onTimeout, SourceSpan span)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAwaitSignal(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of();
        }

        @Override
        public String binding() {
            return bind;
        }
    }

    enum ApprovalTimeout {
        /** The run fails with error type {@code ApprovalTimeout}. */
        FAIL,
        /** As if rejected: the run fails with error type {@code ApprovalRejected}. */
        REJECT,
        /** As if approved (the gate then does not count as a safety gate). */
        APPROVE
    }

    /**
     * {@code approve name { ask "prompt"  approvers ["a", "b"]  timeout 4h  on_timeout fail }}.
     * An approval binds {@code name} to {@code {approved, approver, comment, at}}; a rejection
     * fails the run with error type {@code ApprovalRejected} (catchable).
     *
     * @param approvers who may decide; empty means anyone
     * @param timeout how long to wait; null only in a plan that fails validation
     */
    record ApproveStep(String name, Expr prompt, List<String> approvers, Duration timeout, ApprovalTimeout onTimeout,
                       SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitApprove(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(prompt);
        }

        public ApproveStep {
            approvers = Ordered.list(approvers);
            onTimeout = onTimeout == null ? ApprovalTimeout.FAIL : onTimeout;
        }

        @Override
        public String binding() {
            return name;
        }
    }

    /** {@code set name = expr}. */
    record SetStep(String variable, Expr value, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSet(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(value);
        }

        @Override
        public String binding() {
            return variable;
        }
    }

    /** {@code try { … } catch T1, T2 as e { … } finally { … }}. */
    record TryStep(List<Step> body, List<Catch> catches, List<Step> finallyBody, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTry(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.of();
        }

        @Override
        public List<Body> bodies() {
            List<Body> out = new ArrayList<>();
            out.add(new Body(BodyNames.TRY, body));
            for (int c = 0; c < catches.size(); c++) {
                Catch clause = catches.get(c);
                out.add(new Body(BodyNames.catchClause(c), clause.body(), Scoping.SHARED, clause.variable()));
            }
            out.add(new Body(BodyNames.FINALLY, finallyBody));
            return out;
        }

        public TryStep {
            body = Ordered.list(body);
            catches = Ordered.list(catches);
            finallyBody = Ordered.list(finallyBody);
        }
    }

    /**
     * One catch clause.
     *
     * @param errorTypes error types it matches; empty matches any error
     * @param variable the name the error ({@code {type, message, step, details}}) is bound to, or null
     */
    record Catch(List<String> errorTypes, String variable, List<Step> body, SourceSpan span) {
        public Catch {
            errorTypes = Ordered.list(errorTypes);
            body = Ordered.list(body);
        }
    }

    /**
     * {@code on signal|update "name" [as v: type [= default]] [leave] { … }}: the handler holds while
     * the body runs. With {@code leave}, an event interrupts the body (a running call, wait or loop
     * is cancelled) and the walk goes on after this step.
     */
    record HandleStep(IntentHandler handler, boolean leave, List<Step> body, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitHandle(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(handler.defaultValue());
        }

        @Override
        public List<Body> bodies() {
            return List.of(new Body(BodyNames.BODY, body));
        }

        public HandleStep {
            body = Ordered.list(body);
        }

        @Override
        public String binding() {
            return handler.variable();
        }
    }

    /**
     * {@code [bind =] loop MODEL { ask "…"  context expr  tools [a, b]  max_turns N  approval_timeout 4h }}:
     * a model (a declared {@code llm.chat} tool) chooses calls of the allowed tools, turn by turn,
     * until it answers or reaches {@code max_turns} (or the plan's budget). Each model turn and each
     * tool call is its own activity; a proposed call of a tool that needs approval waits for a person.
     * Binds {@code {answer, turns, tokens, cost, calls}}.
     *
     * @param model the declared llm.chat tool that answers the turns
     * @param prompt the task given to the model (a template)
     * @param context run data shown to the model with the task, or null
     * @param tools the declared tools the model may call, in the order given
     * @param maxTurns the most model turns; null only in a plan that fails validation
     * @param approvalTimeout how long a proposed gated call waits for a decision, or null for the default
     * @param approvers who may decide on a proposed gated call; empty means anyone
     */
    record ModelLoopStep(String bind, String model, Expr prompt, Expr context, List<LoopTool> tools, Integer maxTurns,
                         Duration approvalTimeout, List<String> approvers, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitModelLoop(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(prompt, context);
        }

        /** How long a proposed gated call waits for a decision when the loop does not say. */
        public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);

        public ModelLoopStep {
            tools = Ordered.list(tools);
            approvers = Ordered.list(approvers);
        }

        /** The approval timeout in force: the loop's own, else {@link #DEFAULT_APPROVAL_TIMEOUT}. */
        public Duration approvalTimeoutOrDefault() {
            return approvalTimeout != null ? approvalTimeout : DEFAULT_APPROVAL_TIMEOUT;
        }

        @Override
        public String binding() {
            return bind;
        }

        public List<String> toolNames() {
            return tools.stream().map(LoopTool::name).toList();
        }
    }

    /** A tool named in a loop's allow-list, with where it is written. */
    record LoopTool(String name, SourceSpan span) {
    }

    /** {@code fail "reason"}: fails the run (or the enclosing try) with error type {@code PlanFailed}. */
    record FailStep(Expr reason, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFail(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(reason);
        }

    }

    /**
     * {@code assert condition [else "message"]}: fails the run (or the enclosing try) with error
     * type {@code AssertionFailed} unless the condition holds.
     *
     * @param message what the failure says (a template), or null for a message naming the line
     */
    record AssertStep(Expr condition, Expr message, SourceSpan span) implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAssert(this);
        }

        @Override
        public List<Expr> expressions() {
            return present(condition, message);
        }
    }

    /**
     * {@code [bind =] run other_agent@3(input: expr, …)}: a child run of another deployed agent.
     *
     * @param ref a version number, a tag, or null for the latest version
     */
    record RunAgentStep(String bind, String agent, String ref, Map<String, Expr> inputs, SourceSpan span)
            implements Step {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRunAgent(this);
        }

        @Override
        public List<Expr> expressions() {
            return List.copyOf(inputs.values());
        }

        public RunAgentStep {
            inputs = Ordered.map(inputs);
        }

        @Override
        public String binding() {
            return bind;
        }
    }
}
