package dev.agentplan.model;

import java.math.BigDecimal;
import java.time.Duration;

/** Limits of one run; a null field is unlimited. */
public record Budget(Integer toolCalls, Integer steps, Duration duration, BigDecimal cost, SourceSpan span) {

    public static final Budget UNLIMITED = new Budget(null, null, null, null, SourceSpan.NONE);

    public Budget {
        // Normalised like number literals, so a cost of 5 and 5.0 are the same budget in text and JSON.
        cost = cost == null ? null : Expr.NumberLiteral.normalise(cost);
    }

    public boolean isUnlimited() {
        return toolCalls == null && steps == null && duration == null && cost == null;
    }
}
