package dev.agentplan.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ResetReapplyExcludeType;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import java.util.UUID;

/**
 * Performs a {@link ResetPlan} through Temporal's ResetWorkflowExecution. The reason recorded in the
 * new run's history names who reset, to which step and why, so the audit trail keeps it.
 */
public final class RunResets {

    /** The prefix of every reset reason agentplan writes; the history reader recognises it. */
    public static final String REASON_PREFIX = "agentplan reset";

    private RunResets() {
    }

    /**
     * @param reapplyHumanEvents whether signals and updates recorded after the reset point are
     *     replayed into the new run (default off: approvals and signals are asked for again)
     * @return the Temporal run id of the new run
     * @throws RefusedException when the server cannot reset (Temporal's Java test server)
     */
    public static String reset(Connection c, ResetPlan plan, String who, String why, boolean reapplyHumanEvents) {
        ResetWorkflowExecutionRequest.Builder request = ResetWorkflowExecutionRequest.newBuilder()
                .setNamespace(c.namespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(plan.runId())
                        .setRunId(plan.segmentRunId()))
                .setWorkflowTaskFinishEventId(plan.resetEventId())
                .setReason(reason(plan, who, why))
                .setRequestId(UUID.randomUUID().toString());
        if (!reapplyHumanEvents) {
            request.addResetReapplyExcludeTypes(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL)
                    .addResetReapplyExcludeTypes(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE);
        }
        try {
            return c.stubs().blockingStub().resetWorkflowExecution(request.build()).getRunId();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new RefusedException(inMemoryRefusal(c));
            }
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                    || e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                throw new RefusedException("the server refused the reset of run " + plan.runId() + ": "
                        + e.getStatus().getDescription());
            }
            throw Rpc.translate(c, plan.runId(), e);
        }
    }

    /** What the user reads on a server that cannot reset. */
    public static String inMemoryRefusal(Connection c) {
        return "the server at " + c.address() + " cannot reset runs: it is the in-memory server (Temporal's Java "
                + "test server has no ResetWorkflowExecution). Reset needs a real Temporal server: "
                + "agentplan server --db FILE, or a cluster";
    }

    /** Whether the server can reset: Temporal's Java test server reports no server version. */
    public static boolean canReset(Connection c) {
        try {
            String version = c.stubs().blockingStub()
                    .getSystemInfo(io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance())
                    .getServerVersion();
            return version != null && !version.isBlank();
        } catch (RuntimeException e) {
            throw Rpc.translate(c, null, e);
        }
    }

    static String reason(ResetPlan plan, String who, String why) {
        return REASON_PREFIX + " by " + who + " to step " + plan.step()
                + (plan.line() == null ? "" : " (" + plan.line() + ")")
                + (why == null || why.isBlank() ? "" : ": " + why.strip());
    }
}
