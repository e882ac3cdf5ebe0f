package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** One case of a test file, as read (see {@code schema/agentplan-test.schema.json}). */
public record TestCase(String name, JsonNode inputs, List<ToolScript> tools, List<ApprovalScript> approvals,
                       List<SignalScript> signals, Expect expect) {

    /** An error a scripted attempt fails with. */
    public record ScriptedError(String type, String message, boolean retryable, JsonNode details) {
    }

    /** What one attempt does: waits {@code delay} (workflow time), then fails or returns. */
    public record Attempt(JsonNode result, double cost, ScriptedError error, Duration delay) {
    }

    /**
     * Matchers (null = any) and the answers, one per attempt (the last repeats).
     *
     * @param index the entry's position in the file (for messages)
     */
    public record ToolScript(int index, String tool, String step, Integer line, Integer call, JsonNode args,
                             List<Attempt> attempts) {
    }

    public record ApprovalScript(String gate, boolean approve, String by, String comment, Duration after) {
    }

    /**
     * Either {@code at} (from the run's start) or {@code after} (from when the run waits for it) is set.
     *
     * @param update sent as an Update to an {@code on update} handler (a refusal is a problem of the case)
     * @param afterCalls with {@code at}: also not before the run has made this many tool calls (null: no such condition)
     */
    public record SignalScript(String name, JsonNode payload, Duration at, Duration after, boolean update,
                               Integer afterCalls) {

        public SignalScript(String name, JsonNode payload, Duration at, Duration after) {
            this(name, payload, at, after, false, null);
        }
    }

    public record ExpectedCall(String tool, JsonNode args, String step) {
    }

    public record ExpectedError(String type, String step, Integer line, JsonNode message) {
    }

    /** Null fields are not checked. */
    public record Expect(String state, JsonNode output, ExpectedError error, List<ExpectedCall> calls,
                         boolean callsInAnyOrder, Long toolCalls, Long steps, java.math.BigDecimal cost) {
    }
}
