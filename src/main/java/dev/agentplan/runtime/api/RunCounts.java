package dev.agentplan.runtime.api;

import java.math.BigDecimal;

/**
 * What a run used.
 *
 * @param segments how many continue-as-new segments the run took (1 = never continued as new)
 */
public record RunCounts(long toolCalls, long steps, BigDecimal cost, int segments, int compensationsRun,
                        int compensationsFailed) {
}
