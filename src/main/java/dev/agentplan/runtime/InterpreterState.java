package dev.agentplan.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.api.ToolCallSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to go on in a fresh continue-as-new segment, as plain data. It is taken
 * only at safe points (between steps of a sequential body, at the top of a sequential loop
 * iteration, never while parallel work is in flight), so no thread state needs saving: the
 * cursor says where the walk stopped and the variables hold everything it computed.
 *
 * @param inputs the run's checked inputs (defaults applied)
 * @param variables every name bound so far (step results, {@code set}, loop variables, approvals)
 * @param startedAtMillis when the first segment started (workflow time), for the duration budget
 * @param compensations registered undo calls, in registration order
 * @param bufferedSignals named signals received and not yet consumed, in arrival order
 * @param segment the segment number the next run will have
 * @param approved whether a person's approval covers the top level of the walk (null in states
 *     carried before this was recorded: then any decision approved by a person counts)
 * @param intents signals waiting for their handler's block and the recent intent events (null: none)
 * @param frames where the walk stopped, as a stack of {@link ResumeFrame}s, outermost first; read
 *     when present, else {@code cursor} is. This build still writes {@code cursor} (and null here):
 *     recorded histories and workers of earlier builds know only that form (see {@link Frames})
 */
public record InterpreterState(
        JsonNode inputs,
        Map<String, JsonNode> variables,
        Cursor cursor,
        Usage used,
        long startedAtMillis,
        List<Compensation> compensations,
        List<StepLogEntry> stepLog,
        long stepsLogged,
        Map<String, List<JsonNode>> bufferedSignals,
        List<ApprovalRecord> approvals,
        ToolCallSummary lastToolCall,
        List<IgnoredSignal> ignoredSignals,
        int segment,
        Boolean approved,
        IntentState intents,
        // left out when null, so what this build carries is byte for byte what earlier builds carried
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ResumeFrame> frames) {

    /** What the budgets have used so far. */
    public record Usage(long toolCalls, long steps, BigDecimal cost, Long modelTurns, Long tokens) {
        public Usage(long toolCalls, long steps, BigDecimal cost) {
            this(toolCalls, steps, cost, null, null);
        }
    }

    /**
     * Where the walk stopped. {@code bodies}: per body prefix ({@code ""} for the top level,
     * {@code "3/body"}, {@code "4/then"}, …) the index of the step to resume at (a step whose own
     * state is here resumes inside itself, any other starts afresh); {@code loops}: per loop step
     * path the iteration to resume at (and a for-each's items, evaluated once when it began);
     * {@code tries}: per try step path the phase it was in.
     */
    public record Cursor(Map<String, Integer> bodies, Map<String, LoopCursor> loops, Map<String, TryCursor> tries,
                         Map<String, ModelLoopCursor> models) {
        public Cursor(Map<String, Integer> bodies, Map<String, LoopCursor> loops, Map<String, TryCursor> tries) {
            this(bodies, loops, tries, null);
        }
    }

    /**
     * A model loop at the top of a turn: the conversation so far (the messages sent to the model,
     * its answers and the tools' results), what it used, and the calls it made.
     *
     * @param turn the 0-based turn about to start
     * @param calls one {turn, tool, arguments, outcome} per proposed call
     */
    public record ModelLoopCursor(int turn, JsonNode messages, long promptTokens, long completionTokens,
                                  BigDecimal cost, JsonNode calls) {
        /** A copy that later turns cannot change (the live cursor is saved as it was at the turn's top). */
        public ModelLoopCursor withCopies() {
            return new ModelLoopCursor(turn, messages == null ? null : messages.deepCopy(), promptTokens,
                    completionTokens, cost, calls == null ? null : calls.deepCopy());
        }
    }

    /** @param items a for-each's items (null for a while loop) */
    public record LoopCursor(int iteration, JsonNode items) {
    }

    /**
     * @param phase {@code try}, {@code catch} or {@code finally}
     * @param catchIndex the catch clause running (0-based) in phase {@code catch}
     * @param pending in phase {@code finally}, the error to raise again once the finally body is done
     */
    public record TryCursor(String phase, int catchIndex, ErrorInfo pending) {
    }

    /** A registered undo call: arguments were evaluated when the call they undo succeeded. */
    public record Compensation(String stepPath, String line, String tool, String kind, JsonNode arguments,
                               String idempotencyKey, String iteration) {
    }
}
