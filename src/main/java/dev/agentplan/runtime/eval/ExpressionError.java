package dev.agentplan.runtime.eval;

import dev.agentplan.model.SourceSpan;

/**
 * An expression could not be evaluated: a type error, a bad index, division by zero, bad JSON.
 * The interpreter turns it into the plan-level error type {@code ExpressionError}.
 */
public class ExpressionError extends RuntimeException {

    /** The plan-level error type of an expression that cannot be evaluated. */
    public static final String TYPE = "ExpressionError";

    private final transient SourceSpan span;
    private final String reason;

    public ExpressionError(String reason, SourceSpan span) {
        super(span != null && span.isKnown() ? span.location() + ": " + reason : reason);
        this.span = span == null ? SourceSpan.NONE : span;
        this.reason = reason;
    }

    /** Where the failing expression was written (may be unknown for plans built in code). */
    public SourceSpan span() {
        return span;
    }

    /** The plan-level error type: {@value #TYPE}, or {@link LimitExceeded#TYPE} for a limit. */
    public String type() {
        return TYPE;
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }
}
