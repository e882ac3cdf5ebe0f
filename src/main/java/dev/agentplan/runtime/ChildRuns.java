package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * {@code run agent@ref(…)}: resolves the child's pinned definition through the
 * {@code agentplan.resolve} activity, then runs it as a child workflow of the same interpreter
 * type. The child has its own budget; its failure fails this step with the child's error type.
 */
final class ChildRuns {

    private static final ActivityOptions RESOLVE = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5)
                    .setDoNotRetry(ResolveActivityImpl.NOT_FOUND).build())
            .build();

    private final RunContext run;

    ChildRuns(RunContext run) {
        this.run = run;
    }

    JsonNode run(Step.RunAgentStep s, String path, String line, Frame f, StepLog.Running r) {
        ObjectNode inputs = ToolCalls.arguments(run.evaluator(), s.inputs(), f.scope());
        String what = "child run " + s.agent() + (s.ref() == null ? "" : "@" + s.ref());
        r.waitingFor = what;
        try {
            PinnedDefinition definition = resolve(s, what, path, line, f);
            String childId = run.workflowId() + "/" + path + (f.iterations().isEmpty() ? "" : "[" + f.iterations() + "]");
            InterpreterWorkflow child = Workflow.newChildWorkflowStub(InterpreterWorkflow.class,
                    ChildRunOptions.of(childId, definition, CommandSummaries.childRun(path, f.iterations(),
                            definition.name() + "@" + definition.version(), line)));
            RunRequest request = new RunRequest(definition, inputs, null, run.continueAsNewAfterEvents(), run.keySeed());
            PayloadSizes.check(request, "the start request of " + what + " (its inputs and definition)", path, line);
            RunResult result;
            try {
                result = child.run(request);
            } catch (ChildWorkflowFailure e) {
                throw Failures.fromChild(e, what, path, line);
            }
            if (CancellationScope.current().isCancelRequested()) {
                throw new CanceledFailure("cancelled");
            }
            return switch (result.status()) {
                case COMPLETED -> result.output();
                case CANCELLED -> throw PlanError.of(ErrorTypes.CHILD_RUN_FAILED, what + " was cancelled"
                        + (result.error() == null ? "" : ": " + result.error().message()), path, line);
                default -> throw childFailed(result.error(), what, path, line);
            };
        } finally {
            r.waitingFor = null;
        }
    }

    private PinnedDefinition resolve(Step.RunAgentStep s, String what, String path, String line, Frame f) {
        ActivityOptions options = ActivityOptions.newBuilder(RESOLVE).setSummary(CommandSummaries.resolve(path,
                f.iterations(), s.agent() + (s.ref() == null ? "" : "@" + s.ref()), line)).build();
        try {
            return Workflow.newActivityStub(ResolveActivity.class, options).resolve(s.agent(), s.ref());
        } catch (ActivityFailure e) {
            throw Failures.fromActivity(e, "resolving " + what, path, line);
        }
    }

    /** The child's own error type travels up (a catch for HttpError also catches it from a child). */
    private static PlanError childFailed(ErrorInfo e, String what, String path, String line) {
        if (e == null) {
            return PlanError.of(ErrorTypes.CHILD_RUN_FAILED, what + " failed", path, line);
        }
        return PlanError.of(e.type(), what + " failed: " + e.message(), path, line, Walker.errorValue(e));
    }
}
