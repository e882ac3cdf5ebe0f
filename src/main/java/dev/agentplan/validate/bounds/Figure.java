package dev.agentplan.validate.bounds;

import dev.agentplan.model.SourceSpan;

/**
 * One worst-case figure: a known upper bound, or unknown with the reason and the step that makes
 * it so (an unbounded loop, a missing timeout). Arithmetic saturates; an unknown figure absorbs
 * known ones and keeps the first reason found.
 *
 * @param value the bound when known (saturated at {@link #CAP}); 0 when unknown
 * @param unknownWhy why no bound can be known, or null when it is known
 * @param at the step that makes it unknown (or SourceSpan.NONE)
 */
public record Figure(long value, String unknownWhy, SourceSpan at) {

    /** Saturation point: a figure this large is "more than anything a run can hold". */
    public static final long CAP = Long.MAX_VALUE / 4;

    public static final Figure ZERO = of(0);

    public Figure {
        at = at == null ? SourceSpan.NONE : at;
        value = unknownWhy != null ? 0 : Math.min(Math.max(0, value), CAP);
    }

    public static Figure of(long value) {
        return new Figure(value, null, SourceSpan.NONE);
    }

    public static Figure unknown(String why, SourceSpan at) {
        return new Figure(0, why, at);
    }

    public boolean known() {
        return unknownWhy == null;
    }

    public Figure plus(Figure other) {
        if (!known()) {
            return this;
        }
        if (!other.known()) {
            return other;
        }
        return of(saturatedAdd(value, other.value));
    }

    public Figure plus(long more) {
        return plus(of(more));
    }

    public Figure times(long n) {
        if (!known()) {
            return this;
        }
        if (n == 0 || value == 0) {
            return ZERO;
        }
        return of(value > CAP / n ? CAP : value * n);
    }

    /** Times a count that may itself be unknown (a loop over a runtime list). */
    public Figure times(Figure n) {
        if (!known()) {
            return this;
        }
        if (!n.known()) {
            return value == 0 ? ZERO : n;
        }
        return times(n.value);
    }

    public Figure max(Figure other) {
        if (!known()) {
            return this;
        }
        if (!other.known()) {
            return other;
        }
        return value >= other.value ? this : other;
    }

    /** The smaller of this and a cap that holds whatever the plan does (a budget); a known cap makes an unknown figure known. */
    public Figure cappedBy(Long cap) {
        if (cap == null) {
            return this;
        }
        if (!known()) {
            return of(cap);
        }
        return value <= cap ? this : of(cap);
    }

    static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 || s > CAP ? CAP : s;
    }
}
