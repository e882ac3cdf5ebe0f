package dev.agentplan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one did-you-mean: plan keywords, JSON properties, declared names and MCP tools all use it. */
class SuggestionsTest {

    @Test
    void findsTyposButNotStrangers() {
        List<String> names = List.of("evidence", "issue", "outcome", "url", "method");
        assertEquals("evidence", Suggestions.closest("evidnce", names));
        assertEquals("evidence", Suggestions.closest("evidecne", names), "a transposition is one edit");
        assertEquals("url", Suggestions.closest("uri", names));
        assertEquals("method", Suggestions.closest("methd", names));
        assertNull(Suggestions.closest("zzz", names));
        assertNull(Suggestions.closest("x", names));
        assertNull(Suggestions.closest("", names));
        assertNull(Suggestions.closest("issue", List.of("issue")), "a name is no suggestion for itself");
        assertEquals(" (did you mean `issue`?)", Suggestions.didYouMean("isue", names));
        assertEquals("", Suggestions.didYouMean("q".repeat(300), names));
    }

    @Test
    void propertyNames() {
        List<String> words = List.of("timeout", "heartbeat", "retry", "kind");
        assertEquals("timeout", Suggestions.closest("timout", words));
        assertEquals("timeout", Suggestions.closest("tiemout", words));
        assertEquals("timeout", Suggestions.closest("Timeout", words), "case is no typo worth an edit");
        assertEquals("kind", Suggestions.closest("knd", words));
        assertNull(Suggestions.closest("banana", words));
    }

    @Test
    void theLimitGrowsWithTheName() {
        // under 6 characters one edit, under 9 two, beyond three
        assertNull(Suggestions.closest("rtrey", List.of("retry")));
        assertEquals("heartbeat", Suggestions.closest("haertbaet", List.of("heartbeat")));
        assertNull(Suggestions.closest("xxartbxxt", List.of("heartbeat")));
        assertEquals("approval_timeout", Suggestions.closest("aproval_timeot", List.of("approval_timeout")));
    }

    @Test
    void distanceCountsSwapsAsOneEditAndStopsAboveTheLimit() {
        assertEquals(1, Suggestions.distance("ab", "ba", 2));
        assertEquals(0, Suggestions.distance("Wait", "wait", 2));
        assertEquals(3, Suggestions.distance("kitten", "sitting", 3));
        assertEquals(3, Suggestions.distance("abcdef", "uvwxyz", 2), "limit + 1 once past the limit");
        assertEquals(3, Suggestions.distance("a", "abcd", 2), "lengths too far apart");
    }
}
