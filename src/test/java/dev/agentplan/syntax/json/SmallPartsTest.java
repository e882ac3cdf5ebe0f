package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations, pointers and the canonical printer on their own. */
class SmallPartsTest {

    @Test
    void durationsParse() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), DurationText.parse("30m1h"));
        assertEquals(Duration.ofDays(2), DurationText.parse("2d"));
        assertEquals(Duration.ofSeconds(61), DurationText.parse("1m1s"));
        assertEquals(Duration.ZERO, DurationText.parse("0s"));
        assertNull(DurationText.parse("30"));
        assertNull(DurationText.parse("30 s"));
        assertNull(DurationText.parse("1.5h"));
        assertNull(DurationText.parse(""));
        assertNull(DurationText.parse("99999999999999999999d"));
        assertNull(DurationText.parse("9223372036854775807d"));
    }

    @Test
    void durationsFormatLargestUnitsFirst() {
        assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("1d", DurationText.format(Duration.ofHours(24)));
        assertEquals("1s500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("0s", DurationText.format(Duration.ZERO));
        assertEquals("2d3h4m5s6ms", DurationText.format(Duration.parse("P2DT3H4M5.006S")));
        for (String s : new String[] {"500ms", "90s", "25h", "1d1ms"}) {
            Duration d = DurationText.parse(s);
            assertEquals(d, DurationText.parse(DurationText.format(d)), s);
        }
    }

    @Test
    void pointersEscapeSlashAndTilde() {
        assertEquals("/a~1b/c~0d", JsonPointers.child(JsonPointers.child("", "a/b"), "c~d"));
        assertEquals("c~d", JsonPointers.lastSegment("/a~1b/c~0d"));
        assertEquals("/a~1b", JsonPointers.parent("/a~1b/c~0d"));
        assertNull(JsonPointers.parent(""));
        assertEquals("/steps/3", JsonPointers.child("/steps", 3));
    }

    @Test
    void printerIsCanonical() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("{}\n", CanonicalJsonPrinter.print(mapper.readTree("{ }")));
        assertEquals("{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [1, \"x\", true, null]\n}\n",
                CanonicalJsonPrinter.print(mapper.readTree("{\"a\":[],\"b\":{},\"c\":[1,\"x\",true,null]}")));
        assertEquals("[\n  {\n    \"k\": \"\\\"q\\\"\\n\\u0001\"\n  }\n]\n",
                CanonicalJsonPrinter.print(mapper.readTree("[{\"k\":\"\\\"q\\\"\\n\\u0001\"}]")));
        // a list of scalars too long for one line is written one item per line
        String longList = "[\"" + "x".repeat(60) + "\", \"" + "y".repeat(60) + "\"]";
        assertEquals("[\n  \"" + "x".repeat(60) + "\",\n  \"" + "y".repeat(60) + "\"\n]\n",
                CanonicalJsonPrinter.print(mapper.readTree(longList)));
        assertEquals("\"caf\u00e9 \u2603\"\n", CanonicalJsonPrinter.print(mapper.readTree("\"caf\u00e9 \u2603\"")));
    }
}
