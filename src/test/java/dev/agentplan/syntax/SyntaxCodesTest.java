package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntaxCodesTest {

    @Test
    void codesAreUniqueDocumentedAndInTheReadersRange() {
        SyntaxCodes[] codes = SyntaxCodes.values();
        assertEquals(codes.length, Arrays.stream(codes).map(c -> c.code).distinct().count());
        for (SyntaxCodes c : codes) {
            assertTrue(c.code.matches("AP0[0-9][0-9]"), c.code);
            assertFalse(c.meaning.isBlank(), c.code);
        }
    }
}
