package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The summaries' one-line shape, and reading the step back out of one. */
class CommandSummariesFormatTest {

    @Test
    void nestedLoopsNumberTheirItemsFromOneOuterFirst() {
        String s = CommandSummaries.toolCall("2/body/1/body/1", "2=0,2/body/1=2", "fetch", "crawl.agent:7", "http");
        assertEquals("step 2/body/1/body/1 #1.3 fetch (crawl.agent:7) http", s);
        assertEquals("2/body/1/body/1", CommandSummaries.stepOf(s));
    }

    @Test
    void aPlanWithoutSourceLinesLeavesTheLineOut() {
        assertEquals("step 4 wait 1h30m", CommandSummaries.waitTimer("4", "", "", Duration.ofMinutes(90)));
        assertEquals("step 5 signal ci (done) (x.agent:9) timeout 6h",
                CommandSummaries.signalTimeout("5", "", "ci (done)", "x.agent:9", Duration.ofHours(6)));
        assertEquals("5", CommandSummaries.stepOf("step 5 signal ci (done) (x.agent:9) timeout 6h"),
                "a name with spaces and parentheses does not confuse the reader");
    }

    @Test
    void longNamesAreCutAndTheBudgetNamesNoStep() {
        String s = CommandSummaries.signalTimeout("1", "", "n".repeat(500), "x.agent:2", Duration.ofSeconds(5));
        assertTrue(s.length() < 200, s);
        String budget = CommandSummaries.durationBudget(Duration.ofDays(1), "triage", 3);
        assertEquals("duration budget 1d of triage@3", budget);
        assertNull(CommandSummaries.stepOf(budget));
        assertNull(CommandSummaries.stepOf(null));
    }
}
