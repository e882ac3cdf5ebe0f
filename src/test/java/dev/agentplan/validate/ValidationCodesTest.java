package dev.agentplan.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationCodesTest {

    @Test
    void codesAreUniqueAndInTheirRange() {
        Set<String> seen = new HashSet<>();
        for (ValidationCodes c : ValidationCodes.values()) {
            assertTrue(seen.add(c.code), "twice: " + c.code);
            assertTrue(c.code.matches("AP[123][0-9][0-9]"), c.code);
            assertFalse(c.meaning.isBlank(), c.code);
            assertEquals(c, ValidationCodes.byCode(c.code));
        }
        assertNull(ValidationCodes.byCode("AP999"));
    }

    @Test
    void suggestionsFindTyposButNotStrangers() {
        List<String> names = List.of("evidence", "issue", "outcome", "url", "method");
        assertEquals("evidence", Suggestions.closest("evidnce", names));
        assertEquals("evidence", Suggestions.closest("evidecne", names), "a transposition is one edit");
        assertEquals("url", Suggestions.closest("uri", names));
        assertEquals("method", Suggestions.closest("methd", names));
        assertNull(Suggestions.closest("zzz", names));
        assertNull(Suggestions.closest("x", names));
        assertNull(Suggestions.closest("issue", List.of("issue")), "a name is no suggestion for itself");
        assertEquals(" (did you mean `issue`?)", Suggestions.didYouMean("isue", names));
        assertEquals("", Suggestions.didYouMean("q".repeat(300), names));
    }
}
