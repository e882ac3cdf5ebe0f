package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken input of every sort gives diagnostics, never exceptions. */
class MalformedJsonTest {

    private static Diagnostic first(String json) {
        ParseResult result = JsonPlanCodec.decode("m.json", json);
        assertNull(result.definition());
        assertFalse(result.diagnostics().isEmpty());
        Diagnostic d = result.diagnostics().get(0);
        assertTrue(d.isError());
        assertNotNull(d.hint(), d.headline());
        return d;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"agent\": \"a\",}",
            "{\"agent\" \"a\"}",
            "{'agent': 'a'}",
            "{\"agent\": \"a\"} {}",
            "{\"agent\": \"a\" // comment\n}",
            "[1, 2,]",
            "{\"agent\": tru}",
            "{\"agent\": \"a\", \"steps\": [}",
    })
    void syntaxErrorsAreAp040(String json) {
        Diagnostic d = first(json);
        assertEquals(JsonCodes.SYNTAX, d.code(), d.headline());
    }

    @Test
    void syntaxErrorsPointAtTheLineAndColumn() {
        Diagnostic d = first("{\n  \"agent\": \"a\"\n  \"steps\": []\n}");
        assertEquals(JsonCodes.SYNTAX, d.code());
        assertEquals(3, d.span().line());
        assertEquals(3, d.span().column());
    }

    @Test
    void everyTruncationOfAValidPlanIsADiagnostic() {
        String json = JsonPlanCodec.encode(Fixtures.everything());
        for (int cut = 0; cut < json.length() - 2; cut += 7) {
            ParseResult result = JsonPlanCodec.decode("t.json", json.substring(0, cut));
            assertNull(result.definition(), "cut at " + cut);
            assertFalse(result.diagnostics().isEmpty(), "cut at " + cut);
        }
    }

    @Test
    void emptyAndBlankInputIsAp041() {
        assertEquals(JsonCodes.EMPTY, first("").code());
        assertEquals(JsonCodes.EMPTY, first(" \n\t").code());
        assertEquals(JsonCodes.EMPTY, JsonPlanCodec.decode(null, null).diagnostics().get(0).code());
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKey() {
        Diagnostic d = first("{\"agent\": \"a\",\n \"agent\": \"b\"}");
        assertEquals(JsonCodes.DUPLICATE_KEY, d.code());
        assertEquals("/agent", d.span().pointer());
        assertEquals(2, d.span().line());
        assertEquals(2, d.span().column());
    }

    @Test
    void deepNestingIsALimitNotACrash() {
        String deep = "{\"agent\": \"a\", \"output\": {\"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";
        assertEquals(JsonCodes.LIMIT, first(deep).code());
        StringBuilder steps = new StringBuilder("{\"agent\": \"a\", \"steps\": ");
        for (int i = 0; i < 300; i++) {
            steps.append("[{\"try\": ");
        }
        steps.append("[]").append("}]".repeat(300)).append("}");
        assertEquals(JsonCodes.LIMIT, first(steps.toString()).code());
    }

    @Test
    void deepButAllowedNestingDecodes() {
        StringBuilder steps = new StringBuilder("{\"agent\": \"a\", \"steps\": ");
        for (int i = 0; i < 60; i++) {
            steps.append("[{\"try\": ");
        }
        steps.append("[]").append("}]".repeat(60)).append("}");
        ParseResult result = JsonPlanCodec.decode("d.json", steps.toString());
        assertEquals(List.of(), result.diagnostics());
        assertNotNull(result.definition());
    }

    @Test
    void hugeInputIsRefusedBeforeParsing() {
        String huge = "{\"agent\": \"a\", \"description\": \"" + "x".repeat(JsonPlanCodec.MAX_CHARS) + "\"}";
        assertEquals(JsonCodes.LIMIT, first(huge).code());
        String longString = "{\"agent\": \"a\", \"description\": \"" + "x".repeat(LocatedJsonReader.MAX_STRING_CHARS + 1) + "\"}";
        assertEquals(JsonCodes.LIMIT, first(longString).code());
        String longNumber = "{\"agent\": \"a\", \"output\": {\"n\": " + "9".repeat(5000) + "}}";
        assertEquals(JsonCodes.LIMIT, first(longNumber).code());
    }

    @Test
    void hugeExponentsAreOutOfRange() {
        for (String n : List.of("1e999999999", "1e-999999999", "-2.5E+1000")) {
            Diagnostic d = first("{\"agent\": \"a\", \"output\": {\"n\": " + n + "}}");
            assertEquals(JsonCodes.LIMIT, d.code(), n);
            assertEquals("/output/n", d.span().pointer());
            assertEquals(32, d.span().column());
        }
        ParseResult fine = JsonPlanCodec.decode("ok.json", "{\"agent\": \"a\", \"output\": {\"n\": 1e100}}");
        assertEquals(List.of(), fine.diagnostics());
    }

    @Test
    void wrongTopLevelTypes() {
        for (String json : List.of("[]", "42", "\"plan\"", "null", "true")) {
            Diagnostic d = first(json);
            assertEquals(JsonCodes.WRONG_TYPE, d.code(), json);
            assertEquals("", d.span().pointer());
        }
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        ParseResult result = JsonPlanCodec.decode("bom.json", "\uFEFF{\"agent\": \"a\"}");
        assertEquals(List.of(), result.diagnostics());
        assertEquals("a", result.definition().name());
    }

    @Test
    void wrongTypesEverywhereNeverThrow() {
        String[] values = {"1", "\"s\"", "true", "null", "[]", "{}", "[1]", "{\"x\": 1}"};
        String[] templates = {
                "{\"agent\": %s}", "{\"agent\": \"a\", \"inputs\": %s}", "{\"agent\": \"a\", \"inputs\": {\"i\": %s}}",
                "{\"agent\": \"a\", \"tools\": %s}", "{\"agent\": \"a\", \"tools\": {\"t\": %s}}",
                "{\"agent\": \"a\", \"tools\": {\"t\": {\"kind\": \"http\", \"retry\": %s}}}",
                "{\"agent\": \"a\", \"tools\": {\"defaults\": %s}}", "{\"agent\": \"a\", \"budget\": %s}",
                "{\"agent\": \"a\", \"steps\": %s}", "{\"agent\": \"a\", \"steps\": [%s]}",
                "{\"agent\": \"a\", \"steps\": [{\"call\": %s}]}", "{\"agent\": \"a\", \"steps\": [{\"call\": \"t\", \"undo\": %s}]}",
                "{\"agent\": \"a\", \"steps\": [{\"if\": \"x\", \"else_if\": %s}]}",
                "{\"agent\": \"a\", \"steps\": [{\"if\": \"x\", \"else_if\": [%s]}]}",
                "{\"agent\": \"a\", \"steps\": [{\"try\": [], \"catch\": [%s]}]}",
                "{\"agent\": \"a\", \"steps\": [{\"parallel\": \"all\", \"lanes\": %s}]}",
                "{\"agent\": \"a\", \"steps\": [{\"approve\": \"x\", \"approvers\": %s}]}",
                "{\"agent\": \"a\", \"steps\": [{\"run\": \"x\", \"ref\": %s}]}",
                "{\"agent\": \"a\", \"steps\": [{\"for_each\": \"x\", \"in\": %s}]}",
                "{\"agent\": \"a\", \"output\": %s}",
        };
        for (String template : templates) {
            for (String value : values) {
                String json = String.format(template, value);
                ParseResult result = JsonPlanCodec.decode("w.json", json);
                if (result.definition() == null) {
                    assertFalse(result.diagnostics().isEmpty(), json);
                }
                for (Diagnostic d : result.diagnostics()) {
                    assertTrue(d.code().matches("AP0[0-9][0-9]"), d.headline());
                    assertFalse(d.message().contains("Exception"), d.headline());
                }
            }
        }
    }
}
