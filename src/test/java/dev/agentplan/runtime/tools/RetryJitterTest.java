package dev.agentplan.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jittered delay: within ±percent of Temporal's exponential delay, and the same for the same call. */
class RetryJitterTest {

    private static final RetryOptions POLICY = RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(2))
            .setBackoffCoefficient(3).setMaximumInterval(Duration.ofSeconds(30)).setMaximumAttempts(6).build();

    @Test
    void baseDelayIsTemporalsExponentialBackoffCappedAtTheMaximum() {
        assertEquals(Duration.ofSeconds(2), RetryJitter.baseDelay(POLICY, 1));
        assertEquals(Duration.ofSeconds(6), RetryJitter.baseDelay(POLICY, 2));
        assertEquals(Duration.ofSeconds(18), RetryJitter.baseDelay(POLICY, 3));
        assertEquals(Duration.ofSeconds(30), RetryJitter.baseDelay(POLICY, 4));
        RetryOptions defaults = RetryOptions.newBuilder().setMaximumAttempts(3).build();
        assertEquals(Duration.ofSeconds(1), RetryJitter.baseDelay(defaults, 1));
        assertEquals(Duration.ofSeconds(4), RetryJitter.baseDelay(defaults, 3));
        assertEquals(Duration.ofSeconds(100), RetryJitter.baseDelay(defaults, 30), "Temporal's default cap: 100 × initial");
    }

    @Test
    void delaysStayWithinTheJitterAndUseBothSides() {
        int below = 0;
        int above = 0;
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String key = "run-" + i + "/3/body/1";
            for (int attempt = 1; attempt <= 4; attempt++) {
                long base = RetryJitter.baseDelay(POLICY, attempt).toMillis();
                long d = RetryJitter.delay(POLICY, attempt, 20, key).toMillis();
                assertTrue(d >= Math.round(base * 0.8) && d <= Math.round(base * 1.2),
                        "attempt " + attempt + " of " + key + ": " + d + " ms is outside 20% of " + base + " ms");
                below += d < base ? 1 : 0;
                above += d > base ? 1 : 0;
                distinct.add(d);
            }
        }
        assertTrue(below > 3_000 && above > 3_000, "both directions: " + below + " below, " + above + " above");
        assertTrue(distinct.size() > 1_000, "spread out: " + distinct.size() + " distinct delays");
    }

    @Test
    void theSameCallAndAttemptAlwaysWaitsTheSame() {
        Duration first = RetryJitter.delay(POLICY, 2, 50, "key-A");
        assertEquals(first, RetryJitter.delay(POLICY, 2, 50, "key-A"));
        assertNotEquals(first, RetryJitter.delay(POLICY, 2, 50, "key-B"), "another call draws another delay");
        assertNotEquals(first, RetryJitter.delay(POLICY, 3, 50, "key-A").dividedBy(3), "another attempt too");
        assertEquals(RetryJitter.baseDelay(POLICY, 2), RetryJitter.delay(POLICY, 2, 0, "key-A"), "0% is no jitter");
    }
}
