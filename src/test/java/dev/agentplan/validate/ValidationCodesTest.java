package dev.agentplan.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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
}
