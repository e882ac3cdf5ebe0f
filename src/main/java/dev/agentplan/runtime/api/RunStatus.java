package dev.agentplan.runtime.api;

import java.util.List;

/**
 * What the {@code status} query answers: where a run is and what it has done.
 *
 * @param currentSteps the steps running now (several inside parallel work)
 * @param pendingApprovals approval gates waiting for a decision
 * @param approvals decided gates (most recent last)
 * @param awaitingSignals names of the signals {@code await signal} steps wait for now
 * @param stepLog the last finished steps (bounded); {@code stepsLogged} counts all of them
 * @param segment which continue-as-new segment this is (1 = the first)
 * @param handlers the plan's intent handlers ({@code on signal|update}), whether each holds now
 * @param lastIntent the last intent event received (null when none)
 * @param bufferedIntents names of signals waiting for their handler's block to start
 */
public record RunStatus(
        String agent,
        int version,
        String sha256,
        RunState state,
        List<ActiveStep> currentSteps,
        ToolCallSummary lastToolCall,
        List<PendingApproval> pendingApprovals,
        List<ApprovalRecord> approvals,
        List<String> awaitingSignals,
        List<BudgetUse> budget,
        List<StepLogEntry> stepLog,
        long stepsLogged,
        CancelInfo cancelled,
        ErrorInfo error,
        List<IgnoredSignal> ignoredSignals,
        int segment,
        List<HandlerView> handlers,
        IntentRecord lastIntent,
        List<String> bufferedIntents) {
}
