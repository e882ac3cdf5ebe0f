package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pathological input never throws or hangs: it gives diagnostics. */
class RobustnessTest {

    private static Diagnostic single(ParseResult r) {
        assertNull(r.definition());
        assertEquals(1, r.diagnostics().size(), () -> Plans.headlines(r));
        return r.diagnostics().get(0);
    }

    @Test
    void emptyAndBlankFiles() {
        assertEquals("AP022", single(PlanText.parse("e.agent", "")).code());
        assertEquals("AP022", single(PlanText.parse("e.agent", "  \n# nothing here\n\n")).code());
        assertEquals("AP022", single(PlanText.parse("e.agent", new byte[0])).code());
    }

    @Test
    void deeplyNestedBracketsAreRefusedBeforeParsing() {
        for (String open : new String[] {"[", "{", "(", "{a: ", "\"${"}) {
            Diagnostic d = single(PlanText.parse("n.agent", "agent a\nx = f(a: " + open.repeat(100_000)));
            assertEquals("AP016", d.code(), open);
            assertEquals(2, d.span().line());
        }
        Diagnostic blocks = single(PlanText.parse("n.agent", "agent a\n" + "if x {\n".repeat(100_000)));
        assertEquals("AP016", blocks.code());
        assertEquals(202, blocks.span().line());
    }

    @Test
    void nestingUpToTheLimitIsFine() {
        String list = "[".repeat(150) + "]".repeat(150);
        assertNotNull(Plans.body("x = f(a: " + list + ")"));
    }

    @Test
    void longOperatorRunsAndChains() {
        assertEquals("AP016", single(PlanText.parse("u.agent", "agent a\nset x = " + "!".repeat(100_000) + "y"))
                .code());
        assertEquals("AP016", single(PlanText.parse("u.agent", "agent a\nset x = " + "-".repeat(100_000) + "1"))
                .code());
        Diagnostic chain = single(PlanText.parse("c.agent", "agent a\nset x = y" + " + y".repeat(20_000)));
        assertEquals("AP016", chain.code());
        assertEquals("this expression is nested too deeply (more than 400 levels)", chain.message());
        assertNotNull(Plans.body("set x = y" + " + y".repeat(300)));
    }

    @Test
    void hugeInputIsRefusedBySize() {
        Diagnostic text = single(PlanText.parse("big.agent", "agent a\n" + "#".repeat(50_000_000)));
        assertEquals("AP017", text.code());
        Diagnostic bytes = single(PlanText.parse("big.agent", new byte[50_000_000]));
        assertEquals("AP017", bytes.code());
    }

    @Test
    void invalidUtf8NamesTheFirstBadByte() {
        byte[] latin1 = "agent a\nx = f(a: \"caf\u00e9\")\n".getBytes(StandardCharsets.ISO_8859_1);
        Diagnostic d = single(PlanText.parse("l.agent", latin1));
        assertEquals("AP018", d.code());
        assertEquals("the file is not valid UTF-8 text: byte 0xE9 at offset 21 cannot be read", d.message());
        assertEquals(2, d.span().line());
        assertEquals(14, d.span().column());
    }

    @Test
    void validUtf8WithBomAndNonAscii() {
        byte[] bytes = ("\uFEFFagent a\nx = f(a: \"caf\u00e9 \uD83D\uDE00\")\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = PlanText.parse("u.agent", bytes);
        assertFalse(r.hasErrors(), () -> Plans.headlines(r));
    }

    @Test
    void binaryBytes() {
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        assertEquals("AP018", single(PlanText.parse("b.bin", random)).code());
        Diagnostic nul = single(PlanText.parse("b.bin", "agent a\n\0\0\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals("AP018", nul.code());
        assertEquals("this is a binary file, not a plan (it contains a NUL character)", nul.message());
    }

    @Test
    void garbageStopsAfterAHundredErrors() {
        StringBuilder text = new StringBuilder("agent a\n");
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            text.append(random.nextInt(4) == 0 ? "\n" : "\u0001 § x = = ( ] } ] ) ".substring(random.nextInt(10)));
        }
        ParseResult r = PlanText.parse("g.agent", text.toString());
        assertNull(r.definition());
        assertTrue(r.diagnostics().size() <= DiagnosticSink.MAX_ERRORS + 1);
        assertTrue(r.diagnostics().size() > 10);
        assertEquals("AP019", r.diagnostics().get(r.diagnostics().size() - 1).code());
    }

    @Test
    void controlCharactersAreNamed() {
        ParseResult r = PlanText.parse("c.agent", "agent a\n\u0007x = f()\n");
        assertEquals("unexpected character U+0007", r.diagnostics().get(0).message());
    }

    @Test
    void expressionTextIsGuardedToo() {
        ExpressionSyntaxException deep = assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parse("[".repeat(100_000), SourceSpan.NONE));
        assertEquals("AP016", deep.code());
        assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parseTemplate("${".repeat(50_000), SourceSpan.NONE));
        assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parse("x".repeat(2_000_000), SourceSpan.NONE));
        assertThrows(ExpressionSyntaxException.class, () -> ExpressionText.parse("\0", SourceSpan.NONE));
    }
}
