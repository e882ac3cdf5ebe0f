package dev.agentplan.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ErrorInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a recorded run met from the outside world, read from its event history
 * ({@link RecordedRunReader}): its inputs, every tool call with the answer it got, every decision
 * and signal with its place among the calls, and how it ended. {@code agentplan regress} re-runs
 * a candidate plan against it.
 *
 * @param version 0 for a plan run from a file that was never deployed
 * @param status COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT, or RUNNING (not ended)
 * @param unsupported what the run did that cannot be re-run against a candidate (a cancel, a child run), else empty
 * @param firstSegment false when the history starts from a continue-as-new (an export holds one segment)
 */
public record RecordedRun(String runId, String agent, int version, String sourceFile, JsonNode inputs, String status,
                          JsonNode output, ErrorInfo error, List<Call> calls, List<Human> humans,
                          List<String> unsupported, boolean firstSegment) {

    public boolean ended() {
        return !status.equals("RUNNING");
    }

    /** What a failed call failed with, as the tool reported it. */
    public record Failure(String type, String message, boolean nonRetryable, JsonNode details) {
    }

    /**
     * One tool call (its retries are attempts of it).
     *
     * @param seq its 1-based number in the run, in the order the calls were made
     * @param result the value it returned, or null when it failed or never ended
     * @param failure what it failed with after its last attempt, or null
     * @param missing why the recording has no answer for it (cancelled, still running), else null
     */
    public record Call(int seq, String tool, String kind, String step, String line, JsonNode args, JsonNode result,
                       BigDecimal cost, Failure failure, int attempts, String missing) {
    }

    /** What a person (or another system) sent the run. */
    public enum HumanKind { DECISION, SIGNAL, UPDATE }

    /**
     * @param name the gate (DECISION) or the signal / handler event's name
     * @param atMillis when it arrived, after the run's start
     * @param afterGateMillis for a decision: how long after its gate opened (as far as the history tells)
     * @param afterCalls how many tool calls had ended when it arrived
     */
    public record Human(HumanKind kind, String name, JsonNode payload, boolean approve, String by, String comment,
                        long atMillis, long afterGateMillis, int afterCalls) {
    }
}
