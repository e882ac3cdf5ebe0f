package dev.agentplan.server;

import dev.agentplan.runtime.InterpreterWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The runs on a server, from Temporal's own visibility store (ListWorkflowExecutions): every run
 * of the interpreter workflow, whoever started it. Filters go into the visibility query, over
 * agentplan's search attributes when the namespace has them; otherwise the agent filter is
 * applied to each run's memo here.
 */
public final class Visibility {

    /** Execution states as {@code runs --state} names them, and as visibility's ExecutionStatus spells them. */
    public enum State {
        running("Running"), completed("Completed"), failed("Failed"), cancelled("Canceled"),
        terminated("Terminated"), timed_out("TimedOut");

        final String query;

        State(String query) {
            this.query = query;
        }
    }

    /** One run as visibility reports it. */
    public record Run(String runId, String agent, Integer version, String state, Instant startedAt, Instant closedAt) {
    }

    private final Connection connection;

    public Visibility(Connection connection) {
        this.connection = connection;
    }

    /**
     * Lists runs, newest first.
     *
     * @param agent null for every agent
     * @param version null for every version
     * @return empty when the server has no visibility API (Temporal's Java test server)
     */
    public Optional<List<Run>> list(String agent, Integer version, State state, Instant since, int limit) {
        SearchAttributeSupport attributes = SearchAttributeSupport.of(connection);
        boolean indexed = attributes.registered();
        StringBuilder query = new StringBuilder("WorkflowType = '" + InterpreterWorkflow.TYPE + "'");
        if (indexed && agent != null) {
            query.append(" AND ").append(SearchAttributeSupport.AGENT).append(" = '").append(quote(agent)).append("'");
        }
        if (indexed && version != null) {
            query.append(" AND ").append(SearchAttributeSupport.VERSION).append(" = ").append(version);
        }
        if (state != null) {
            query.append(" AND ExecutionStatus = '").append(state.query).append("'");
        }
        if (since != null) {
            query.append(" AND StartTime >= '").append(DateTimeFormatter.ISO_INSTANT.format(since)).append("'");
        }
        List<Run> runs = new ArrayList<>();
        com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
        do {
            ListWorkflowExecutionsRequest request = ListWorkflowExecutionsRequest.newBuilder()
                    .setNamespace(connection.namespace()).setQuery(query.toString())
                    .setPageSize(Math.min(1000, Math.max(limit, 1))).setNextPageToken(page).build();
            ListWorkflowExecutionsResponse response;
            try {
                response = connection.stubs().blockingStub().withDeadlineAfter(Connection.RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .listWorkflowExecutions(request);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                    return Optional.empty();
                }
                throw Rpc.translate(connection, "(list)", e);
            }
            for (WorkflowExecutionInfo info : response.getExecutionsList()) {
                Run run = toRun(info);
                if ((agent == null || agent.equals(run.agent())) && (version == null || version.equals(run.version()))) {
                    runs.add(run);
                }
            }
            page = response.getNextPageToken();
        } while (!page.isEmpty() && runs.size() < limit);
        return Optional.of(runs.size() > limit ? runs.subList(0, limit) : runs);
    }

    private static Run toRun(WorkflowExecutionInfo info) {
        Map<String, Payload> memo = info.getMemo().getFieldsMap();
        String execution = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
        if (execution.equals("canceled")) {
            execution = "cancelled";
        }
        return new Run(info.getExecution().getWorkflowId(), memoValue(memo, RunClient.MEMO_AGENT, String.class),
                memoValue(memo, RunClient.MEMO_VERSION, Integer.class), execution,
                info.hasStartTime() ? Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos()) : null,
                info.hasCloseTime() ? Instant.ofEpochSecond(info.getCloseTime().getSeconds(), info.getCloseTime().getNanos()) : null);
    }

    private static <T> T memoValue(Map<String, Payload> memo, String key, Class<T> type) {
        Payload p = memo.get(key);
        if (p == null) {
            return null;
        }
        try {
            return DataConverter.getDefaultInstance().fromPayload(p, type, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
