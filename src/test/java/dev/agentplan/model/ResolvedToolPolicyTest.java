package dev.agentplan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one resolution of a tool's policy: built-in defaults and the meaning of 0, as its javadoc states. */
class ResolvedToolPolicyTest {

    @Test
    void aToolThatSaysNothingGetsTheBuiltInDefaults() {
        for (ToolPolicy nothing : new ToolPolicy[] {null, ToolPolicy.EMPTY}) {
            ResolvedToolPolicy p = ResolvedToolPolicy.of(nothing);
            assertEquals(Duration.ofMinutes(1), p.timeout());
            assertEquals(3, p.maxAttempts());
            assertNull(p.explicitAttempts());
            assertEquals(Duration.ofSeconds(1), p.initialInterval());
            assertEquals(2.0, p.backoffCoefficient());
            assertEquals(Duration.ofSeconds(100), p.maxInterval());
            assertEquals(0.0, p.jitterPercent());
            assertNull(p.scheduleToClose());
            assertNull(p.scheduleToStart());
            assertNull(p.heartbeat());
            assertNull(p.taskQueue());
            assertEquals(List.of(), p.nonRetryable());
        }
    }

    @Test
    void zeroMeansTheDefaultOrNoLimitNeverUnlimitedRetries() {
        ToolPolicy zeros = new ToolPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                new RetryPolicy(0, Duration.ZERO, 0.5, Duration.ZERO, List.of(), 150.0), null, null, null, " ",
                Duration.ZERO);
        ResolvedToolPolicy p = ResolvedToolPolicy.of(zeros);
        assertEquals(ResolvedToolPolicy.DEFAULT_TIMEOUT, p.timeout());
        assertNull(p.scheduleToClose());
        assertNull(p.scheduleToStart());
        assertNull(p.heartbeat());
        assertEquals(1, p.maxAttempts(), "attempts 0 runs one attempt");
        assertEquals(0, p.explicitAttempts());
        assertEquals(Duration.ofSeconds(1), p.initialInterval());
        assertEquals(1.0, p.backoffCoefficient());
        assertEquals(Duration.ofSeconds(100), p.maxInterval());
        assertEquals(100.0, p.jitterPercent());
        assertNull(p.taskQueue());
    }

    @Test
    void thePlansValuesWinAndTheMaximumIntervalIsNeverBelowTheFirst() {
        ToolPolicy own = new ToolPolicy(Duration.ofSeconds(30), null, null,
                new RetryPolicy(5, Duration.ofSeconds(10), 3.0, Duration.ofSeconds(2), List.of("Fatal"), 20.0),
                null, null, null, "ops");
        ToolPolicy defaults = new ToolPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(3),
                null, null, null, null, null, Duration.ofMinutes(1));
        ResolvedToolPolicy p = ResolvedToolPolicy.of(own.orElse(defaults));
        assertEquals(Duration.ofSeconds(30), p.timeout());
        assertEquals(Duration.ofMinutes(10), p.scheduleToClose());
        assertEquals(Duration.ofMinutes(1), p.scheduleToStart());
        assertEquals(Duration.ofSeconds(3), p.heartbeat());
        assertEquals(5, p.maxAttempts());
        assertEquals(5, p.explicitAttempts());
        assertEquals(Duration.ofSeconds(10), p.initialInterval());
        assertEquals(3.0, p.backoffCoefficient());
        assertEquals(Duration.ofSeconds(10), p.maxInterval());
        assertEquals(20.0, p.jitterPercent());
        assertEquals(List.of("Fatal"), p.nonRetryable());
        assertEquals("ops", p.taskQueue());
    }
}
