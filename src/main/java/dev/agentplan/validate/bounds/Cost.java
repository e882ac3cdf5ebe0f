package dev.agentplan.validate.bounds;

import dev.agentplan.model.SourceSpan;

/**
 * The worst case of one stretch of a plan (a step, a body, a whole plan): what it can use on the
 * costliest path through it. Compensations (undo calls) registered in the stretch are kept apart,
 * because they all run at the end, sequentially, after a failure or a cancel. The largest
 * <em>chunk</em> is the most history one piece of work writes with no continue-as-new point
 * inside it (a parallel step: the run can only continue as new between sequential steps).
 */
record Cost(Figure calls, Figure steps, Figure millis, Figure events, Figure bytes,
            Figure undoCalls, Figure undoMillis, Figure undoEvents, Figure undoBytes,
            Figure chunkEvents, Figure chunkBytes, SourceSpan chunkAt) {

    static final Cost NONE = new Cost(Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO,
            Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, SourceSpan.NONE);

    Cost {
        chunkAt = chunkAt == null ? SourceSpan.NONE : chunkAt;
    }

    /** One simple piece of work. */
    static Cost of(long calls, long steps, Figure millis, long events, long bytes) {
        return new Cost(Figure.of(calls), Figure.of(steps), millis, Figure.of(events), Figure.of(bytes),
                Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, Figure.ZERO, SourceSpan.NONE);
    }

    /** This, then that. */
    Cost then(Cost o) {
        boolean otherChunk = !o.chunkEvents.known() || o.chunkEvents.value() > chunkEvents.value() && chunkEvents.known();
        return new Cost(calls.plus(o.calls), steps.plus(o.steps), millis.plus(o.millis), events.plus(o.events),
                bytes.plus(o.bytes), undoCalls.plus(o.undoCalls), undoMillis.plus(o.undoMillis),
                undoEvents.plus(o.undoEvents), undoBytes.plus(o.undoBytes), chunkEvents.max(o.chunkEvents),
                chunkBytes.max(o.chunkBytes), otherChunk ? o.chunkAt : chunkAt);
    }

    /** This or that, whichever costs more on each figure (so an upper bound of both). */
    Cost or(Cost o) {
        boolean otherChunk = !o.chunkEvents.known() || o.chunkEvents.value() > chunkEvents.value() && chunkEvents.known();
        return new Cost(calls.max(o.calls), steps.max(o.steps), millis.max(o.millis), events.max(o.events),
                bytes.max(o.bytes), undoCalls.max(o.undoCalls), undoMillis.max(o.undoMillis),
                undoEvents.max(o.undoEvents), undoBytes.max(o.undoBytes), chunkEvents.max(o.chunkEvents),
                chunkBytes.max(o.chunkBytes), otherChunk ? o.chunkAt : chunkAt);
    }

    /** This side by side with that: everything adds up except time, which is the longer of the two. */
    Cost beside(Cost o) {
        return new Cost(calls.plus(o.calls), steps.plus(o.steps), millis.max(o.millis), events.plus(o.events),
                bytes.plus(o.bytes), undoCalls.plus(o.undoCalls), undoMillis.plus(o.undoMillis),
                undoEvents.plus(o.undoEvents), undoBytes.plus(o.undoBytes), chunkEvents.plus(o.chunkEvents),
                chunkBytes.plus(o.chunkBytes), chunkAt);
    }

    /** {@code n} runs of this one after another (a loop); the largest chunk stays one run's. */
    Cost repeated(Figure n) {
        return new Cost(calls.times(n), steps.times(n), millis.times(n), events.times(n), bytes.times(n),
                undoCalls.times(n), undoMillis.times(n), undoEvents.times(n), undoBytes.times(n),
                chunkEvents, chunkBytes, chunkAt);
    }

    /** All of this is one chunk (parallel work, at {@code at}): no continue-as-new inside it. */
    Cost asChunk(SourceSpan at) {
        return new Cost(calls, steps, millis, events, bytes, undoCalls, undoMillis, undoEvents, undoBytes,
                events, bytes, at);
    }

    Cost withMillis(Figure m) {
        return new Cost(calls, steps, m, events, bytes, undoCalls, undoMillis, undoEvents, undoBytes,
                chunkEvents, chunkBytes, chunkAt);
    }

    Cost plusSteps(long n) {
        return new Cost(calls, steps.plus(n), millis, events, bytes, undoCalls, undoMillis, undoEvents, undoBytes,
                chunkEvents, chunkBytes, chunkAt);
    }

    Cost withUndo(Cost undo) {
        return new Cost(calls, steps, millis, events, bytes, undoCalls.plus(undo.calls), undoMillis.plus(undo.millis),
                undoEvents.plus(undo.events), undoBytes.plus(undo.bytes), chunkEvents, chunkBytes, chunkAt);
    }
}
