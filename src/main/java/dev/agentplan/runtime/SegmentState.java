package dev.agentplan.runtime;

import dev.agentplan.runtime.api.ToolCallSummary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's state in one segment. The first group is what the segment carries into the next one
 * (restored from the {@link InterpreterState} it started with, saved at a safe point); the second
 * is this segment's own progress, which starts afresh in every segment.
 */
final class SegmentState {

    // ---- carried across continue-as-new ----
    private final ObjectNode inputs;
    private final Map<String, JsonNode> variables;
    private final Scope root;
    private final StepLog log;
    private final Frames frames;
    private final List<InterpreterState.Compensation> compensations;
    private final int segment;
    private ToolCallSummary lastToolCall;

    // ---- this segment only ----
    private String stoppedStep;
    private String stoppedLine;
    private int stepsThisSegment;
    private int toolsInFlight;
    private int timersActive;

    /** @param safePoint what a safe point does (see {@link RunContext#safePoint()}) */
    SegmentState(ObjectNode inputs, InterpreterState resume, Runnable safePoint) {
        this.inputs = inputs;
        this.variables = resume == null || resume.variables() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(resume.variables());
        this.root = Scope.root(inputs, variables);
        this.log = new StepLog(resume == null ? null : resume.stepLog(), resume == null ? 0 : resume.stepsLogged());
        this.frames = new Frames(Frames.of(resume), safePoint);
        this.compensations = resume == null || resume.compensations() == null ? new ArrayList<>()
                : new ArrayList<>(resume.compensations());
        this.segment = resume == null ? 1 : resume.segment();
        this.lastToolCall = resume == null ? null : resume.lastToolCall();
    }

    ObjectNode inputs() {
        return inputs;
    }

    /** Every name bound so far at the top level (the root scope's own names). */
    Map<String, JsonNode> variables() {
        return variables;
    }

    Scope root() {
        return root;
    }

    StepLog log() {
        return log;
    }

    Frames frames() {
        return frames;
    }

    List<InterpreterState.Compensation> compensations() {
        return compensations;
    }

    int segment() {
        return segment;
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

    int stepsThisSegment() {
        return stepsThisSegment;
    }

    void toolStarted() {
        toolsInFlight++;
    }

    void toolFinished() {
        toolsInFlight--;
    }

    int toolsInFlight() {
        return toolsInFlight;
    }

    void timerStarted() {
        timersActive++;
    }

    void timerFinished() {
        timersActive--;
    }

    int timersActive() {
        return timersActive;
    }
}
