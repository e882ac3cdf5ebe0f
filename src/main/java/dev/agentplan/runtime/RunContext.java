package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.api.ToolCallSummary;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything one run (one continue-as-new segment) shares while its steps execute: the decoded
 * definition, the variables, budgets, logs, gates, signals, registered compensations and the
 * cursor. Only the interpreter's workflow threads touch it, one at a time.
 */
final class RunContext {

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
    private final ObjectNode inputs;
    private final Map<String, JsonNode> variables;
    private final Scope root;
    private final Budgets budgets;
    private final StepLog log;
    private final Approvals approvals;
    private final Signals signals;
    private final Cursors cursors;
    private final List<InterpreterState.Compensation> compensations;
    private final List<IgnoredSignal> ignored;
    private final int segment;
    private ToolCallSummary lastToolCall;
    private String stoppedStep;
    private String stoppedLine;
    private int stepsThisSegment;
    private int toolsInFlight;
    private int timersActive;
    private Intents intents;

    RunContext(PinnedDefinition pinned, AgentDefinition definition, Function<String, ToolKind> kinds,
               ObjectNode inputs, InterpreterState resume, long continueAsNewAfterEvents,
               Approvals approvals, Signals signals, List<IgnoredSignal> ignored, String keySeed) {
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
        this.inputs = inputs;
        this.variables = resume == null || resume.variables() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(resume.variables());
        this.root = Scope.root(inputs, variables);
        if (resume != null && (resume.approved() != null ? resume.approved()
                : approvals.decided().stream().anyMatch(a -> a.approved() && !a.byTimeout()))) {
            root.markApproved();
        }
        this.budgets = new Budgets(definition.budget(), resume == null ? null : resume.used(),
                resume == null ? Workflow.currentTimeMillis() : resume.startedAtMillis());
        this.log = new StepLog(resume == null ? null : resume.stepLog(), resume == null ? 0 : resume.stepsLogged());
        this.approvals = approvals;
        this.signals = signals;
        this.cursors = new Cursors(resume == null ? null : resume.cursor());
        this.compensations = resume == null || resume.compensations() == null ? new ArrayList<>()
                : new ArrayList<>(resume.compensations());
        this.ignored = ignored;
        this.segment = resume == null ? 1 : resume.segment();
        this.lastToolCall = resume == null ? null : resume.lastToolCall();
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

    /** What the run's idempotency keys derive from besides the workflow id (see {@link IdempotencyKeys}). */
    String keySeed() {
        return requestedKeySeed != null ? requestedKeySeed : firstRunId;
    }

    long continueAsNewAfterEvents() {
        return continueAsNewAfterEvents;
    }

    Scope root() {
        return root;
    }

    Budgets budgets() {
        return budgets;
    }

    StepLog log() {
        return log;
    }

    Approvals approvals() {
        return approvals;
    }

    Signals signals() {
        return signals;
    }

    /** The run's intent handlers (set once, before the walk starts). */
    Intents intents() {
        return intents;
    }

    void intents(Intents handlers) {
        intents = handlers;
    }

    Cursors cursors() {
        return cursors;
    }

    List<InterpreterState.Compensation> compensations() {
        return compensations;
    }

    int segment() {
        return segment;
    }

    long now() {
        return Workflow.currentTimeMillis();
    }

    ToolCallSummary lastToolCall() {
        return lastToolCall;
    }

    void lastToolCall(ToolCallSummary summary) {
        lastToolCall = summary;
    }

    /** Notes the innermost step a cancellation stopped (the first one noted wins). */
    void stoppedAt(String path, String line) {
        if (stoppedStep == null) {
            stoppedStep = path;
            stoppedLine = line;
        }
    }

    /** Forgets the step noted by {@link #stoppedAt}: a block left on an event did not stop the run. */
    void clearStopped() {
        stoppedStep = null;
        stoppedLine = null;
    }

    String stoppedStep() {
        return stoppedStep == null ? "" : stoppedStep;
    }

    String stoppedLine() {
        return stoppedLine == null ? "" : stoppedLine;
    }

    void stepStarted() {
        stepsThisSegment++;
    }

    void toolStarted() {
        toolsInFlight++;
    }

    void toolFinished() {
        toolsInFlight--;
    }

    void timerStarted() {
        timersActive++;
    }

    void timerFinished() {
        timersActive--;
    }

    /** The state to show while running. */
    RunState liveState() {
        if (approvals.anyPending()) {
            return RunState.WAITING_APPROVAL;
        }
        if (toolsInFlight > 0) {
            return RunState.RUNNING;
        }
        if (!signals.awaited().isEmpty()) {
            return RunState.WAITING_SIGNAL;
        }
        if (timersActive > 0) {
            return RunState.WAITING_TIMER;
        }
        return RunState.RUNNING;
    }

    /**
     * {@code file.agent:LINE} of a step, from the pinned source map ("" when it has none: the
     * decoded model's own spans point into the canonical JSON, not into the user's file).
     */
    String lineOf(String path) {
        String mapped = pinned.sourceLines().get(path);
        return mapped == null ? "" : mapped;
    }

    /**
     * A safe point: no parallel work is in flight and the cursor describes exactly where the walk
     * is. If the history has grown enough, continue as new here (this call then does not return).
     */
    void safePoint() {
        if (stepsThisSegment == 0) {
            return; // never continue-as-new without progress, whatever the threshold
        }
        WorkflowInfo info = Workflow.getInfo();
        boolean due = info.isContinueAsNewSuggested()
                || (continueAsNewAfterEvents > 0 && info.getHistoryLength() > continueAsNewAfterEvents);
        if (!due) {
            return;
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (CancellationScope.current().isCancelRequested()) {
            throw new CanceledFailure("cancelled"); // a cancellation must end this run, not ride into the next
        }
        // The request keeps its inputs (recorded histories carry them; replay compares the request),
        // and the size check below counts them with the state.
        RunRequest next = new RunRequest(pinned, inputs, snapshot(), continueAsNewAfterEvents, requestedKeySeed);
        long bytes = PayloadSizes.of(next);
        if (bytes > dev.agentplan.runtime.limits.Limits.PAYLOAD_MAX_BYTES) {
            String[] at = whereNow();
            throw PayloadSizes.tooLarge("the state this run carries into its next segment (continue-as-new)", bytes,
                    at[0], at[1], PayloadSizes.largest(variables));
        }
        // A real server does not carry the memo into the next segment by itself (the Java test server
        // does), and visibility lists a run by its latest segment: give it the memo and search attributes.
        ContinueAsNewOptions.Builder options = ContinueAsNewOptions.newBuilder().setMemo(RunMemo.of(pinned));
        if (Workflow.getTypedSearchAttributes().size() > 0) {
            options.setTypedSearchAttributes(Workflow.getTypedSearchAttributes());
        }
        Workflow.continueAsNew(options.build(), next);
    }

    /** {path, line} of the innermost running step, else of the last finished one (for messages). */
    private String[] whereNow() {
        List<ActiveStep> active = log.active();
        if (!active.isEmpty()) {
            ActiveStep a = active.get(active.size() - 1);
            return new String[] {a.path(), a.line()};
        }
        List<StepLogEntry> done = log.entries();
        if (!done.isEmpty()) {
            StepLogEntry e = done.get(done.size() - 1);
            return new String[] {e.path(), e.line()};
        }
        return new String[] {"", ""};
    }

    InterpreterState snapshot() {
        return new InterpreterState(inputs, new LinkedHashMap<>(variables), cursors.snapshot(), budgets.usage(),
                budgets.startedAtMillis(), new ArrayList<>(compensations), log.entries(), log.total(),
                signals.snapshot(), approvals.decided(), lastToolCall, new ArrayList<>(ignored), segment + 1,
                root.approvedHere(), intents == null ? null : intents.snapshot());
    }
}
