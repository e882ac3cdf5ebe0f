package dev.agentplan.model;

import java.math.BigDecimal;
import java.time.Duration;

/** Limits of one run; a null field is unlimited. */
public record Budget(Integer toolCalls, Integer steps, Duration duration, BigDecimal cost, SourceSpan span) {

    public static final Budget UNLIMITED = new Budget(null, null, null, null, SourceSpan.NONE);

    public boolean isUnlimited() {
        return toolCalls == null && steps == null && duration == null && cost == null;
    }
}
