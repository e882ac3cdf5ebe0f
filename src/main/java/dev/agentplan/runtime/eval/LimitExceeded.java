package dev.agentplan.runtime.eval;

import dev.agentplan.model.SourceSpan;

/**
 * An expression went over one of the limits of {@link dev.agentplan.runtime.limits.Limits}: a
 * string, list or object too big, a value nested too deep, a number too large or too precise, or
 * too many evaluation steps. The interpreter turns it into the catchable plan-level error type
 * {@value #TYPE}, naming the step and its line.
 */
public final class LimitExceeded extends ExpressionError {

    public static final String TYPE = "LimitExceeded";

    public LimitExceeded(String reason, SourceSpan span) {
        super(reason + " (agentplan limits what one expression may compute; see the README, 'Limits')", span);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
