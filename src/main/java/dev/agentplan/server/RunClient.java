package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunMemo;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything agentplan asks of a server about runs: start one, query, decide, signal, cancel,
 * describe, fetch its history. Errors come out as this package's exceptions, one line each.
 */
public final class RunClient {

    /** Memo keys every run started by agentplan carries. */
    public static final String MEMO_AGENT = RunMemo.AGENT;
    public static final String MEMO_VERSION = RunMemo.VERSION;
    public static final String MEMO_SHA256 = RunMemo.SHA256;
    public static final String MEMO_SOURCE = RunMemo.SOURCE;

    private static final long RESULT_WAIT_SECONDS = 10;

    private final Connection connection;

    public RunClient(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Starts a run of a pinned definition. Run ids are never reused, not even after the earlier
     * run has finished: the id names one run in the run index and in the audit trail.
     *
     * @return the Temporal run id of the started workflow (its first run id)
     * @throws RunAlreadyExistsException when the id is taken
     */
    public String start(PinnedDefinition pinned, JsonNode inputs, String runId, String taskQueue) {
        return start(pinned, inputs, runId, taskQueue, null);
    }

    /**
     * Starts a run whose idempotency keys derive from {@code keySeed} instead of its new first run
     * id: how a lost run starts again sending the keys its first start sent.
     */
    public String start(PinnedDefinition pinned, JsonNode inputs, String runId, String taskQueue, String keySeed) {
        Map<String, Object> memo = RunMemo.of(pinned);
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
                .setWorkflowId(runId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setMemo(memo)
                .setStaticSummary(RunMemo.summary(pinned)); // what Temporal's Web UI lists the run as
        SearchAttributeSupport.of(connection).apply(options, pinned);
        WorkflowStub stub = connection.client().newUntypedWorkflowStub(InterpreterWorkflow.TYPE, options.build());
        try {
            return Rpc.call(connection, runId, () -> stub.start(new RunRequest(pinned, inputs, null, 0, keySeed))).getRunId();
        } catch (WorkflowExecutionAlreadyStarted e) {
            throw new RunAlreadyExistsException("a run with id " + runId + " already exists on the server at "
                    + connection.address() + "; run ids are never reused: choose another --id");
        }
    }

    public RunStatus status(String runId) {
        return Rpc.call(connection, runId, () -> stub(runId).query(InterpreterWorkflow.STATUS, RunStatus.class));
    }

    /** The run's result once it ends (the future fails with this package's exceptions). */
    public CompletableFuture<RunResult> resultAsync(String runId) {
        return stub(runId).getResultAsync(RunResult.class).handle((r, e) -> {
            if (e == null) {
                return r;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            throw cause instanceof RuntimeException re ? Rpc.translate(connection, runId, re)
                    : new IllegalStateException(cause.getMessage(), cause);
        });
    }

    /**
     * The result of a run that has ended; empty while it runs, and for a run that ended without
     * one (terminated or timed out by the server).
     */
    public Optional<RunResult> resultIfEnded(String runId) {
        if (describe(runId).isRunning()) {
            return Optional.empty();
        }
        return Rpc.call(connection, runId, () -> {
            try {
                return Optional.of(stub(runId).getResult(RESULT_WAIT_SECONDS, TimeUnit.SECONDS, RunResult.class));
            } catch (TimeoutException | WorkflowFailedException noResult) {
                return Optional.empty();
            }
        });
    }

    public RunDescription describe(String runId) {
        DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(connection.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                .build();
        WorkflowExecutionInfo info = Rpc.call(connection, runId,
                () -> connection.stubs().blockingStub().describeWorkflowExecution(request)).getWorkflowExecutionInfo();
        Map<String, Payload> memo = info.getMemo().getFieldsMap();
        String execution = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
        if (execution.equals("canceled")) {
            execution = "cancelled";
        }
        return new RunDescription(runId, execution, memoValue(memo, MEMO_AGENT, String.class),
                memoValue(memo, MEMO_VERSION, Integer.class), memoValue(memo, MEMO_SHA256, String.class),
                info.getTaskQueue(),
                info.hasStartTime() ? Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos()) : null,
                info.hasCloseTime() ? Instant.ofEpochSecond(info.getCloseTime().getSeconds(), info.getCloseTime().getNanos()) : null);
    }

    /** The tool calls the server holds for the run now (none once it has ended). */
    public List<PendingCall> pendingCalls(String runId) {
        DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(connection.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                .build();
        List<PendingCall> calls = new ArrayList<>();
        for (var p : Rpc.call(connection, runId,
                () -> connection.stubs().blockingStub().describeWorkflowExecution(request)).getPendingActivitiesList()) {
            calls.add(new PendingCall(p.getActivityType().getName(),
                    p.getState().name().replace("PENDING_ACTIVITY_STATE_", "").toLowerCase(), p.getAttempt(),
                    p.getMaximumAttempts(), p.hasLastFailure() ? HistoryReader.failure(p.getLastFailure()) : null,
                    p.hasNextAttemptScheduleTime() ? Instant.ofEpochSecond(p.getNextAttemptScheduleTime().getSeconds(),
                            p.getNextAttemptScheduleTime().getNanos()) : null));
        }
        return calls;
    }

    private static <T> T memoValue(Map<String, Payload> memo, String key, Class<T> type) {
        Payload p = memo.get(key);
        if (p == null) {
            return null;
        }
        try {
            return PayloadEncryption.dataConverter().fromPayload(p, type, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Approves or rejects a gate (the {@code decide} update).
     *
     * @throws RefusedException with the run's reason when the decision is not allowed
     */
    public String decide(String runId, GateDecision decision) {
        return update(runId, InterpreterWorkflow.DECIDE, decision);
    }

    /** Cancels a run (the {@code cancel} update): compensations run and the run ends CANCELLED. */
    public String cancel(String runId, CancelRequest request) {
        return update(runId, InterpreterWorkflow.CANCEL, request);
    }

    private String update(String runId, String name, Object argument) {
        requireRunning(runId);
        try {
            return Rpc.call(connection, runId, () -> stub(runId).update(name, String.class, argument));
        } catch (WorkflowUpdateException e) {
            throw new RefusedException(reason(e));
        }
    }

    /** Sends a named signal, taken by an {@code await signal} step (buffered until one waits). */
    public void signal(String runId, String name, JsonNode payload) {
        requireRunning(runId);
        PinnedPlan plan = PinnedPlan.of(pinnedOf(runId));
        if (!plan.awaitsSignal(name)) {
            List<String> names = plan.awaitedSignals();
            throw new RefusedException("no step of run " + runId + "'s plan waits for signal '" + name + "' ("
                    + (names.isEmpty() ? "it waits for no signal" : "it waits for: " + String.join(", ", names))
                    + "); not sent");
        }
        Rpc.run(connection, runId, () -> stub(runId).signal(InterpreterWorkflow.SIGNAL, name, payload));
    }

    private void requireRunning(String runId) {
        RunDescription d = describe(runId);
        if (!d.isRunning()) {
            throw new RefusedException("run " + runId + " has already ended (" + endedAs(runId, d) + ")");
        }
    }

    /**
     * How an ended run ended, in the plan's words: the workflow completes with a result also when
     * the plan failed or was cancelled, so the server's "completed" alone would be wrong.
     */
    private String endedAs(String runId, RunDescription d) {
        if (!"completed".equals(d.execution())) {
            return d.execution();
        }
        try {
            return resultIfEnded(runId).map(r -> r.status().name().toLowerCase()).orElse(d.execution());
        } catch (RuntimeException unreadable) {
            return d.execution();
        }
    }

    private static String reason(WorkflowUpdateException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure a) {
                return a.getOriginalMessage();
            }
        }
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    }

    /** The definition the run is pinned to, from the first event of its latest segment; null when unreadable. */
    public PinnedDefinition pinnedOf(String runId) {
        RunRequest started = startRequest(runId);
        return started == null ? null : started.definition();
    }

    /** What the latest segment of the run started with (definition, inputs); null when unreadable. */
    public RunRequest startRequest(String runId) {
        GetWorkflowExecutionHistoryRequest request = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(connection.namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                .setMaximumPageSize(1)
                .build();
        var events = Rpc.call(connection, runId,
                () -> connection.stubs().blockingStub().getWorkflowExecutionHistory(request)).getHistory().getEventsList();
        if (events.isEmpty() || !events.get(0).hasWorkflowExecutionStartedEventAttributes()) {
            return null;
        }
        return Payloads.read(events.get(0).getWorkflowExecutionStartedEventAttributes().getInput(), 0, RunRequest.class);
    }

    /** The history of the run's latest segment (what replay and export work on). */
    public WorkflowExecutionHistory history(String runId) {
        return Rpc.call(connection, runId, () -> connection.client().fetchHistory(runId));
    }

    /** Every segment of the run, oldest first: continue-as-new starts a new history for the same id. */
    public List<WorkflowExecutionHistory> historyChain(String runId) {
        List<WorkflowExecutionHistory> chain = new ArrayList<>();
        WorkflowExecutionHistory h = history(runId);
        chain.add(h);
        for (int i = 0; i < 10_000; i++) {
            String previous = h.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
            if (previous.isEmpty()) {
                break;
            }
            WorkflowExecutionHistory earlier = Rpc.call(connection, runId,
                    () -> connection.client().fetchHistory(runId, previous));
            chain.add(earlier);
            h = earlier;
        }
        Collections.reverse(chain);
        return chain;
    }

    private WorkflowStub stub(String runId) {
        return connection.client().newUntypedWorkflowStub(runId, Optional.empty(), Optional.empty());
    }
}
