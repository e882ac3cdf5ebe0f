/**
 * The interpreter: one generic Temporal workflow that runs every plan.
 *
 * <p><b>Temporal surface.</b> Workflow type {@code AgentRun} ({@link dev.agentplan.runtime.InterpreterWorkflow}),
 * started with a {@link dev.agentplan.runtime.RunRequest} that carries the pinned definition
 * (canonical JSON + step-path-to-line map), so a run keeps the definition it started with. Query
 * {@code status} → {@link dev.agentplan.runtime.api.RunStatus}. Update {@code decide} (refused
 * synchronously by its validator) and signal {@code decideAsync} (invalid ones recorded in the
 * status and ignored) decide approval gates; signal {@code signal(name, payload)} feeds
 * {@code await signal}; signal {@code intent} and update {@code intentUpdate} (with a validator)
 * feed the plan's {@code on signal|update} handlers (see {@link dev.agentplan.runtime.Intents}); update {@code cancel} / signal {@code cancelAsync} and Temporal's own
 * cancellation stop a run. Tool calls are activities whose type is the tool kind's name; child
 * definitions are resolved by the activity {@code agentplan.resolve}
 * ({@link dev.agentplan.runtime.DefinitionResolver}). {@link dev.agentplan.runtime.AgentWorker}
 * sets a worker up.
 *
 * <p><b>Results.</b> A run completes with a {@link dev.agentplan.runtime.api.RunResult} whether the plan
 * succeeded, failed or was cancelled by the {@code cancel} update/signal. A cancellation requested
 * through Temporal itself ends the execution as Temporal-CANCELED (the SDK's rule); the status query
 * then tells who, why and what compensations ran.
 *
 * <p><b>Names.</b> One root scope holds step results, {@code set} variables, loop and catch
 * variables and approval records; sequential bodies share it (a loop variable keeps the last
 * item). Each parallel lane and parallel-loop iteration has its own child scope: it reads the
 * enclosing names and writes only its own. {@code parallel all} binds {lane: {its names}};
 * {@code parallel first} binds the winner's {names}; after {@code for each … parallel N} each name
 * the body bound is the list of its per-iteration values in item order. A name never bound reads
 * as null (validation rejects such reads).
 *
 * <p><b>Errors.</b> Catchable types: tool failure types (from {@code ToolFailure}), {@code ToolError},
 * {@code Timeout}, and the interpreter's {@code PlanFailed}, {@code ApprovalRejected},
 * {@code ApprovalTimeout}, {@code SignalTimeout}, {@code BudgetExceeded}, {@code LoopBoundExceeded},
 * {@code ExpressionError}, {@code InvalidInput}, {@code AgentNotFound}, {@code ChildRunFailed} (a failed
 * child's own type travels up), and the limits' {@code LimitExceeded}, {@code PayloadTooLarge} and
 * {@code ResultTooLarge} (below). Cancellation is not catchable and skips {@code finally}; registered
 * compensations run newest first on failure and on cancellation.
 *
 * <p><b>Limits</b> (all in {@link dev.agentplan.runtime.limits.Limits}, so one plan cannot wedge a
 * worker). {@code LimitExceeded}: one expression produced a string over 1 Mi characters, a list or
 * object over 100,000 items, a value nested deeper than 64 levels or bigger than about 1 MiB as
 * JSON, a number beyond 1e±1000 or with more than 1,000 digits, or took more than 5,000,000
 * evaluation steps ({@link dev.agentplan.runtime.eval.LimitExceeded}), or the values one name
 * gathers from a parallel {@code for each}'s iterations add up to more than the value limit; the
 * check comes before the value is built. {@code PayloadTooLarge}: something the run would hand to Temporal is over its
 * 2 MiB payload limit (the run's inputs, a tool call's arguments, a child run's start, the state
 * carried across continue-as-new, the run's output); the message names the step, its line and, for
 * the state, the largest variables. Oversized signals are ignored (recorded with the ignored
 * signals) and oversized decisions and cancel requests (over 8 KiB) refused. {@code ResultTooLarge}: a tool result
 * over 256 KiB or marked {@code truncated} by its tool, unless the call passes
 * {@code accept_truncated: true}. All checks are pure functions of the values: replays decide
 * the same.
 *
 * <p><b>Long runs.</b> At safe points (between steps of a sequential body, at the top of a
 * sequential loop iteration; never inside parallel work) the run continues as new when the server
 * suggests it or the request's event threshold is passed, carrying an
 * {@link dev.agentplan.runtime.InterpreterState}: variables, a resume cursor (per body the step
 * index, per loop the iteration and items, per try its phase and pending error), budgets used,
 * compensations, the bounded step log, buffered signals and decided approvals.
 *
 * <p><b>Code.</b> {@link dev.agentplan.runtime.Walker} walks bodies and does what every step shares
 * (log, budgets, error mapping); each kind has its {@link dev.agentplan.runtime.StepExecutor}, found
 * through {@link dev.agentplan.runtime.StepExecutors} (a {@code Step.Visitor}). A resumable executor
 * saves a {@link dev.agentplan.runtime.ResumeFrame} ({@link dev.agentplan.runtime.Frames}); a run's
 * context is its {@link dev.agentplan.runtime.RunServices} and {@link dev.agentplan.runtime.SegmentState}.
 */
package dev.agentplan.runtime;
