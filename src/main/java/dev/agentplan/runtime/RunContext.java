package dev.agentplan.runtime;

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
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * One segment of a run as its steps see it: the {@link RunServices} they act through and the
 * {@link SegmentState} they change, with what needs both (the live status, the safe point and the
 * state carried into the next segment). The accessors below only delegate, so a step's code reads
 * {@code run.evaluator()} whichever half it comes from. Only the interpreter's workflow threads
 * touch it, one at a time.
 */
final class RunContext {

    private final RunServices services;
    private final SegmentState state;

    RunContext(PinnedDefinition pinned, AgentDefinition definition, Function<String, ToolKind> kinds,
               ObjectNode inputs, InterpreterState resume, long continueAsNewAfterEvents,
               Approvals approvals, Signals signals, List<IgnoredSignal> ignored, String keySeed) {
        Budgets budgets = new Budgets(definition.budget(), resume == null ? null : resume.used(),
                resume == null ? Workflow.currentTimeMillis() : resume.startedAtMillis());
        this.services = new RunServices(pinned, definition, kinds, keySeed, continueAsNewAfterEvents, budgets,
                approvals, signals, ignored);
        this.state = new SegmentState(inputs, resume, this::safePoint);
        if (resume != null && (resume.approved() != null ? resume.approved()
                : approvals.decided().stream().anyMatch(a -> a.approved() && !a.byTimeout()))) {
            state.root().markApproved();
        }
    }

    RunServices services() {
        return services;
    }

    SegmentState state() {
        return state;
    }

    // ---- services ----

    PinnedDefinition pinned() {
        return services.pinned();
    }

    AgentDefinition definition() {
        return services.definition();
    }

    ToolKind kind(String name) {
        return services.kind(name);
    }

    Evaluator evaluator() {
        return services.evaluator();
    }

    String workflowId() {
        return services.workflowId();
    }

    String firstRunId() {
        return services.firstRunId();
    }

    String secretTag() {
        return services.secretTag();
    }

    List<String> secretNames() {
        return services.secretNames();
    }

    String keySeed() {
        return services.keySeed();
    }

    long continueAsNewAfterEvents() {
        return services.continueAsNewAfterEvents();
    }

    Budgets budgets() {
        return services.budgets();
    }

    Approvals approvals() {
        return services.approvals();
    }

    Signals signals() {
        return services.signals();
    }

    Intents intents() {
        return services.intents();
    }

    void intents(Intents handlers) {
        services.intents(handlers);
    }

    long now() {
        return services.now();
    }

    String lineOf(String path) {
        return services.lineOf(path);
    }

    // ---- state ----

    Scope root() {
        return state.root();
    }

    StepLog log() {
        return state.log();
    }

    Frames frames() {
        return state.frames();
    }

    List<InterpreterState.Compensation> compensations() {
        return state.compensations();
    }

    int segment() {
        return state.segment();
    }

    ToolCallSummary lastToolCall() {
        return state.lastToolCall();
    }

    void lastToolCall(ToolCallSummary summary) {
        state.lastToolCall(summary);
    }

    void stoppedAt(String path, String line) {
        state.stoppedAt(path, line);
    }

    void clearStopped() {
        state.clearStopped();
    }

    String stoppedStep() {
        return state.stoppedStep();
    }

    String stoppedLine() {
        return state.stoppedLine();
    }

    void stepStarted() {
        state.stepStarted();
    }

    void toolStarted() {
        state.toolStarted();
    }

    void toolFinished() {
        state.toolFinished();
    }

    void timerStarted() {
        state.timerStarted();
    }

    void timerFinished() {
        state.timerFinished();
    }

    /** The state to show while running. */
    RunState liveState() {
        if (services.approvals().anyPending()) {
            return RunState.WAITING_APPROVAL;
        }
        if (state.toolsInFlight() > 0) {
            return RunState.RUNNING;
        }
        if (!services.signals().awaited().isEmpty()) {
            return RunState.WAITING_SIGNAL;
        }
        if (state.timersActive() > 0) {
            return RunState.WAITING_TIMER;
        }
        return RunState.RUNNING;
    }

    /**
     * A safe point: no parallel work is in flight and the cursor describes exactly where the walk
     * is. If the history has grown enough, continue as new here (this call then does not return).
     */
    void safePoint() {
        if (state.stepsThisSegment() == 0) {
            return; // never continue-as-new without progress, whatever the threshold
        }
        WorkflowInfo info = Workflow.getInfo();
        long after = services.continueAsNewAfterEvents();
        boolean due = info.isContinueAsNewSuggested() || (after > 0 && info.getHistoryLength() > after);
        if (!due) {
            return;
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (CancellationScope.current().isCancelRequested()) {
            throw new CanceledFailure("cancelled"); // a cancellation must end this run, not ride into the next
        }
        // The request keeps its inputs (recorded histories carry them; replay compares the request),
        // and the size check below counts them with the state.
        RunRequest next = new RunRequest(services.pinned(), state.inputs(), snapshot(), after,
                services.requestedKeySeed());
        long bytes = PayloadSizes.of(next);
        if (bytes > dev.agentplan.runtime.limits.Limits.PAYLOAD_MAX_BYTES) {
            String[] at = whereNow();
            throw PayloadSizes.tooLarge("the state this run carries into its next segment (continue-as-new)", bytes,
                    at[0], at[1], PayloadSizes.largest(state.variables()));
        }
        // A real server does not carry the memo into the next segment by itself (the Java test server
        // does), and visibility lists a run by its latest segment: give it the memo and search attributes.
        ContinueAsNewOptions.Builder options = ContinueAsNewOptions.newBuilder().setMemo(RunMemo.of(services.pinned()));
        if (Workflow.getTypedSearchAttributes().size() > 0) {
            options.setTypedSearchAttributes(Workflow.getTypedSearchAttributes());
        }
        Workflow.continueAsNew(options.build(), next);
    }

    /** {path, line} of the innermost running step, else of the last finished one (for messages). */
    private String[] whereNow() {
        StepLog log = state.log();
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

    /** The state the next segment starts with: this segment's carried state and what the services carry. */
    InterpreterState snapshot() {
        Budgets budgets = services.budgets();
        Intents intents = services.intents();
        return new InterpreterState(state.inputs(), new LinkedHashMap<>(state.variables()),
                Frames.toCursor(state.frames().snapshot()), budgets.usage(), budgets.startedAtMillis(),
                new ArrayList<>(state.compensations()), state.log().entries(), state.log().total(),
                services.signals().snapshot(), services.approvals().decided(), state.lastToolCall(),
                new ArrayList<>(services.ignored()), state.segment() + 1, state.root().approvedHere(),
                intents == null ? null : intents.snapshot(), null);
    }
}
