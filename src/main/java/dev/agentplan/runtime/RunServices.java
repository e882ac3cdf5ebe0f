package dev.agentplan.runtime;

import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.List;
import java.util.function.Function;

/**
 * What a segment's steps consult and act through, none of it carried by this class into the next
 * segment (see {@link SegmentState} for that): the pinned definition, the tool kinds, the
 * evaluator, the run's identity and key seed, the clock, the budgets, and the workflow's gates,
 * signals and intent handlers (those three, and the budgets' usage, carry their own state, which
 * {@link RunContext#snapshot()} collects).
 */
final class RunServices {

    private final PinnedDefinition pinned;
    private final AgentDefinition definition;
    private final Function<String, ToolKind> kinds;
    private final Evaluator evaluator;
    private final String workflowId;
    private final String firstRunId;
    /** Tags this run's secret references, so data cannot forge one (see SecretPlaceholders). */
    private final String secretTag;
    private List<String> secretNames;
    private final String requestedKeySeed;
    private final long continueAsNewAfterEvents;
    private final Budgets budgets;
    private final Approvals approvals;
    private final Signals signals;
    private final List<IgnoredSignal> ignored;
    private Intents intents;

    RunServices(PinnedDefinition pinned, AgentDefinition definition, Function<String, ToolKind> kinds,
                String keySeed, long continueAsNewAfterEvents, Budgets budgets, Approvals approvals, Signals signals,
                List<IgnoredSignal> ignored) {
        WorkflowInfo info = Workflow.getInfo();
        this.pinned = pinned;
        this.definition = definition;
        this.kinds = kinds;
        this.workflowId = info.getWorkflowId();
        this.firstRunId = info.getFirstExecutionRunId();
        this.secretTag = SecretPlaceholders.tagOf(firstRunId);
        this.evaluator = new Evaluator(Workflow::currentTimeMillis, SecretPlaceholders.references(firstRunId));
        this.requestedKeySeed = keySeed;
        this.continueAsNewAfterEvents = continueAsNewAfterEvents;
        this.budgets = budgets;
        this.approvals = approvals;
        this.signals = signals;
        this.ignored = ignored;
    }

    PinnedDefinition pinned() {
        return pinned;
    }

    AgentDefinition definition() {
        return definition;
    }

    ToolKind kind(String name) {
        return kinds.apply(name);
    }

    Evaluator evaluator() {
        return evaluator;
    }

    String workflowId() {
        return workflowId;
    }

    String firstRunId() {
        return firstRunId;
    }

    String secretTag() {
        return secretTag;
    }

    /** The secrets the plan names (see {@link SecretUses}), computed once. */
    List<String> secretNames() {
        if (secretNames == null) {
            secretNames = SecretUses.ofPlan(pinned.canonicalJson());
        }
        return secretNames;
    }

    /** The key seed the run was started with, or null (then it is the first run id). */
    String requestedKeySeed() {
        return requestedKeySeed;
    }

    /** What the run's idempotency keys derive from besides the workflow id (see {@link IdempotencyKeys}). */
    String keySeed() {
        return requestedKeySeed != null ? requestedKeySeed : firstRunId;
    }

    long continueAsNewAfterEvents() {
        return continueAsNewAfterEvents;
    }

    Budgets budgets() {
        return budgets;
    }

    Approvals approvals() {
        return approvals;
    }

    Signals signals() {
        return signals;
    }

    List<IgnoredSignal> ignored() {
        return ignored;
    }

    /** The run's intent handlers (set once, before the walk starts). */
    Intents intents() {
        return intents;
    }

    void intents(Intents handlers) {
        intents = handlers;
    }

    /** Workflow time. */
    long now() {
        return Workflow.currentTimeMillis();
    }

    /**
     * {@code file.agent:LINE} of a step, from the pinned source map ("" when it has none: the
     * decoded model's own spans point into the canonical JSON, not into the user's file).
     */
    String lineOf(String path) {
        String mapped = pinned.sourceLines().get(path);
        return mapped == null ? "" : mapped;
    }
}
