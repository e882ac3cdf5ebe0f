package dev.agentplan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration reader and writer every surface uses. */
class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500, 500ms",
        "1h30m, 5400000, 1h30m",
        "30m1h, 5400000, 1h30m",
        "90m, 5400000, 1h30m",
        "2d, 172800000, 2d",
        "1m1s, 61000, 1m1s",
        "0s, 0, 0s",
        "0ms0d, 0, 0s",
        "1500ms, 1500, 1s500ms",
        "36h, 129600000, 1d12h",
        "1d1h1m1s1ms, 90061001, 1d1h1m1s1ms",
        "007s, 7000, 7s",
        "99999999999d, 8639999999913600000, 99999999999d",
    })
    void parsesAndWritesTheCanonicalForm(String text, long millis, String canonical) {
        DurationText.Parsed parsed = DurationText.parse(text);
        assertTrue(parsed.ok(), text);
        assertNull(parsed.problem());
        assertNull(parsed.error());
        assertEquals(Duration.ofMillis(millis), parsed.duration());
        assertEquals(canonical, DurationText.format(parsed.duration()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "30 s", " 30s", "1.5h", "30sec", "1h 30m", "-5s", "h", "5S", "PT5S", "1w"})
    void rejectsWhatIsNotNumberUnitPairs(String text) {
        DurationText.Parsed parsed = DurationText.parse(text);
        assertFalse(parsed.ok());
        assertNull(parsed.duration());
        assertEquals(DurationText.Problem.MALFORMED, parsed.problem());
        assertEquals("`" + text + "` is not a duration: write whole numbers with the units ms, s, m, h or d,"
                + " like 500ms, 30s or 1h30m", parsed.error());
    }

    @Test
    void nullIsNotADuration() {
        DurationText.Parsed parsed = DurationText.parse(null);
        assertEquals(DurationText.Problem.MALFORMED, parsed.problem());
        assertTrue(parsed.error().startsWith("nothing is not a duration"), parsed.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999d", "9223372036854775807d", "106752d9223372036854775807ms",
        "9223372036854775808ms", "200000000000d"})
    void rejectsWhatDoesNotFitInMilliseconds(String text) {
        DurationText.Parsed parsed = DurationText.parse(text);
        assertEquals(DurationText.Problem.TOO_LONG, parsed.problem());
        assertEquals("`" + text + "` is too long a duration: durations must be shorter than about 290 million years",
                parsed.error());
    }

    @Test
    void theLongestDurationFits() {
        assertEquals(Duration.ofMillis(Long.MAX_VALUE), DurationText.parse(Long.MAX_VALUE + "ms").duration());
    }

    @Test
    void iso8601OnlyWhenAsked() {
        assertEquals(DurationText.Problem.MALFORMED, DurationText.parse("PT0.3S").problem());
        assertEquals(Duration.ofMillis(300),
                DurationText.parse("PT0.3S", DurationText.Syntax.PLAN_OR_ISO_8601).duration());
        assertEquals(Duration.ofMinutes(90),
                DurationText.parse("1h30m", DurationText.Syntax.PLAN_OR_ISO_8601).duration());
        assertEquals(DurationText.Problem.MALFORMED,
                DurationText.parse("PT", DurationText.Syntax.PLAN_OR_ISO_8601).problem());
        assertEquals(DurationText.Problem.TOO_LONG,
                DurationText.parse("PT9223372036854775807S", DurationText.Syntax.PLAN_OR_ISO_8601).problem());
    }

    @Test
    void formatDropsBelowAMillisecondAndSignsNegatives() {
        assertEquals("0s", DurationText.format(Duration.ofNanos(999_999)));
        assertEquals("1ms", DurationText.format(Duration.ofNanos(1_999_999)));
        assertEquals("2d3h4m5s6ms", DurationText.format(Duration.parse("P2DT3H4M5.006S")));
        assertEquals("-1m30s", DurationText.format(Duration.ofSeconds(-90)));
    }

    @Test
    void formatThenParseIsTheIdentityOnSeededRandomDurations() {
        Random random = new Random(20261203L);
        for (int i = 0; i < 2_000; i++) {
            long millis = switch (i % 4) {
                case 0 -> random.nextInt(1_000);
                case 1 -> random.nextInt(86_400_000);
                case 2 -> random.nextLong() & Long.MAX_VALUE;
                default -> random.nextInt(1_000) * 1_000L * (1 + random.nextInt(1_000_000));
            };
            Duration d = Duration.ofMillis(millis);
            String text = DurationText.format(d);
            assertEquals(d, DurationText.parse(text).duration(), text);
            assertEquals(text, DurationText.format(DurationText.parse(text).duration()), "canonical is a fixed point");
        }
    }

    @Test
    void parseThenFormatIsCanonicalOnSeededRandomText() {
        Random random = new Random(7L);
        String[] units = {"ms", "s", "m", "h", "d"};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            long millis = 0;
            long[] unitMillis = {1L, 1_000L, 60_000L, 3_600_000L, 86_400_000L};
            for (int parts = 1 + random.nextInt(5); parts > 0; parts--) {
                int u = random.nextInt(units.length);
                int n = random.nextInt(10_000);
                text.append(n).append(units[u]);
                millis += n * unitMillis[u];
            }
            Duration d = DurationText.parse(text.toString()).duration();
            assertEquals(Duration.ofMillis(millis), d, text.toString());
            assertEquals(d, DurationText.parse(DurationText.format(d)).duration(), text.toString());
        }
    }
}
