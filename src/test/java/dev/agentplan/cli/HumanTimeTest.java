package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

    @Test
    void durations() {
        assertEquals("120 ms", HumanTime.duration(120));
        assertEquals("1.3 s", HumanTime.duration(1_250));
        assertEquals("42 s", HumanTime.duration(42_000));
        assertEquals("2m 05s", HumanTime.duration(125_000));
        assertEquals("4h 00m", HumanTime.duration(4 * 3_600_000L));
        assertEquals("6d 23h", HumanTime.duration((6 * 24 + 23) * 3_600_000L + 59_000));
    }

    @Test
    void betweenInstantsAndDeadlines() {
        assertEquals(1_500, HumanTime.between("2025-01-01T00:00:00Z", "2025-01-01T00:00:01.500Z"));
        assertEquals(-1, HumanTime.between(null, "2025-01-01T00:00:01Z"));
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals("2025-01-01 04:00:00 UTC (in 4h 00m)", HumanTime.deadline("2025-01-01T04:00:00Z", now));
        assertEquals("2024-12-31 23:59:00 UTC (1m 00s ago)", HumanTime.deadline("2024-12-31T23:59:00Z", now));
    }
}
