package dev.agentplan.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.ToolCallSummary;
import java.util.List;
import java.util.Map;

/** What the console's JSON API answers (and its pages show); times are ISO-8601 strings. */
public final class Views {

    private Views() {
    }

    /** One row of the runs list. {@code state} is the plan's state (waiting_approval, completed, failed, …). */
    public record RunRow(String runId, String agent, Integer version, String state, String startedAt, String closedAt,
                         String currentStep, String currentLine, String waitingFor) {
    }

    /** A call the run will make once the gate is approved, as the plan writes it. */
    public record ProposedCall(String tool, String kind, String effect, boolean approvalRequired, String path,
                               String line, String sourceLine, Map<String, String> arguments, JsonNode preview,
                               String previewNote) {
    }

    public record ApprovalView(String runId, String agent, Integer version, String gate, String prompt,
                               List<String> approvers, String since, String deadline, String path, String line,
                               String sourceLine, List<ProposedCall> proposedCalls) {
    }

    /** A finished step, with the text of its {@code .agent} line when the source is known. */
    public record StepLine(String path, String line, String sourceLine, String kind, String tool, String iteration,
                           String startedAt, String endedAt, int attempts, String outcome) {
    }

    /** A signal the run may be sent: an {@code on signal} handler's (with its type) or an awaited one. */
    public record SignalView(String name, String via, String type, String variable, boolean active) {
    }

    public record RunView(String runId, String agent, Integer version, String sha256, String execution, String state,
                          String startedAt, String closedAt, List<ActiveStep> currentSteps,
                          List<ApprovalView> pendingApprovals, List<ApprovalRecord> decided, List<StepLine> stepLog,
                          long stepsLogged, List<BudgetUse> budget, ToolCallSummary lastToolCall, JsonNode output,
                          ErrorInfo error, List<SignalView> signals, Map<String, String> graphMarks, String history,
                          String temporalWebUi) {
    }

    public record AgentSummary(String name, int versions, Integer latest, Map<String, Integer> tags, String description) {
    }

    public record VersionView(int version, String sha256, String deployedAt, String author, String message) {
    }

    public record DefinitionView(String name, List<VersionView> versions, Map<String, Integer> tags, int version,
                                 String sourceFile, List<String> sourceLines) {
    }

    /** Whether a run of A, paused where it is now, can move to B. */
    public record InFlight(String runId, String step, boolean compatible, String reason) {
    }

    /** {@code pausedRunsMove}: a run of A paused at any step can continue under B. */
    public record DiffView(String from, String to, boolean equal, boolean breaking, boolean pausedRunsMove, String text,
                           JsonNode report, List<String> risks, String verdict, List<InFlight> inFlight) {
    }
}
