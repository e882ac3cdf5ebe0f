package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Problems in JSON plans come back as diagnostics with a code, pointer, line:col and hint. */
class JsonDiagnosticsTest {

    private static List<Diagnostic> problems(String json) {
        ParseResult result = JsonPlanCodec.decode("bad.json", json);
        assertNull(result.definition(), "an erroneous plan has no definition");
        assertTrue(result.hasErrors());
        assertFalse(result.diagnostics().isEmpty());
        for (Diagnostic d : result.diagnostics()) {
            assertEquals("bad.json", d.span().file());
            assertTrue(d.span().line() >= 1 && d.span().column() >= 1, d.headline());
        }
        return result.diagnostics();
    }

    private static Diagnostic only(String json) {
        List<Diagnostic> all = problems(json);
        assertEquals(1, all.size(), () -> all.stream().map(Diagnostic::headline).collect(Collectors.joining("\n")));
        return all.get(0);
    }

    private static void assertAt(Diagnostic d, String code, String pointer, int line, int column) {
        assertEquals(code, d.code(), d.headline());
        assertEquals(pointer, d.span().pointer(), d.headline());
        assertEquals(line, d.span().line(), d.headline());
        assertEquals(column, d.span().column(), d.headline());
    }

    @Test
    void misspeltToolOptionIsNamedWithASuggestion() {
        Diagnostic d = only("""
                {
                  "agent": "a",
                  "tools": {
                    "logs": {"kind": "http", "timout": "30s"}
                  }
                }
                """);
        assertAt(d, JsonCodes.UNKNOWN_PROPERTY, "/tools/logs/timout", 4, 30);
        assertEquals("unknown property `timout` in tool `logs`", d.message());
        assertEquals("did you mean `timeout`?", d.hint());
    }

    @Test
    void textFormOptionNamesPointToTheirJsonNames() {
        Diagnostic d = only("{\"agent\": \"a\", \"tools\": {\"t\": {\"kind\": \"http\", \"retry\": {\"backoff\": \"1s\"}}}}");
        assertEquals("unknown property `backoff` in the retry of tool `t`", d.message());
        assertEquals("did you mean `initial_interval` and `max_interval`?", d.hint());
    }

    @Test
    void badDurationSaysWhatADurationLooksLike() {
        Diagnostic d = only("{\"agent\": \"a\",\n \"budget\": {\"duration\": \"1 hour\"}}");
        assertAt(d, JsonCodes.BAD_VALUE, "/budget/duration", 2, 25);
        assertEquals("`duration` must be a duration like \"30s\", not \"1 hour\"", d.message());
        assertNotNull(d.hint());
    }

    @Test
    void everySchemaErrorIsReportedInOneGo() {
        List<Diagnostic> all = problems("""
                {
                  "agent": "my-agent",
                  "inputs": {"x": {"type": "text"}},
                  "budget": {"tool_calls": -1, "steps": 1.5},
                  "steps": [
                    {"call": "logs", "bind": "if"},
                    {"wait": 30},
                    {"set": "y"},
                    {"cal": "logs"},
                    {"call": "a", "fail": "b"},
                    {"parallel": "any", "lanes": {}}
                  ]
                }
                """);
        List<String> pointers = all.stream().map(d -> d.span().pointer()).collect(Collectors.toList());
        assertEquals(List.of("/agent", "/inputs/x/type", "/budget/tool_calls", "/budget/steps", "/steps/0/bind",
                "/steps/1/wait", "/steps/2", "/steps/3", "/steps/4", "/steps/5/parallel"), pointers);
        assertEquals("`bind` cannot be `if`: it is a reserved word", all.get(4).message());
        assertEquals("missing `value` in the `set` step", all.get(6).message());
        assertEquals(JsonCodes.STEP_KIND, all.get(7).code());
        assertEquals("did you mean `call`?", all.get(7).hint());
        assertEquals(JsonCodes.STEP_KIND, all.get(8).code());
        assertTrue(all.get(8).message().contains("`call`, `fail`"), all.get(8).message());
        assertEquals("`parallel` must be one of \"all\", \"first\", not \"any\"", all.get(9).message());
        for (Diagnostic d : all) {
            assertTrue(d.code().startsWith("AP05"), d.headline());
        }
    }

    @Test
    void wrongTypesNameBothTypes() {
        Diagnostic d = only("{\"agent\": \"a\", \"steps\": [{\"if\": true, \"then\": []}]}");
        assertAt(d, JsonCodes.WRONG_TYPE, "/steps/0/if", 1, 33);
        assertEquals("`if` must be expression text in a string, not true", d.message());
        Diagnostic steps = only("{\"agent\": \"a\", \"steps\": {}}");
        assertEquals("`steps` must be a list of steps, not an object", steps.message());
    }

    @Test
    void propertyNamesAreChecked() {
        Diagnostic d = only("{\"agent\": \"a\", \"tools\": {\"my tool\": {\"kind\": \"http\"}}}");
        assertAt(d, JsonCodes.BAD_VALUE, "/tools/my tool", 1, 26);
        assertEquals("`my tool` cannot be a tool name", d.message());
    }

    @Test
    void missingAgentNameIsReported() {
        Diagnostic d = only("{\"steps\": []}");
        assertAt(d, JsonCodes.MISSING_PROPERTY, "", 1, 1);
        assertEquals("missing `agent` in the plan", d.message());
    }

    @Test
    void expressionErrorsPointIntoTheString() {
        // the condition starts at column 31; `==` is followed by nothing
        Diagnostic d = only("{\"agent\": \"a\", \"steps\": [{\"if\": \"x ==\", \"then\": []}]}");
        assertEquals("/steps/0/if", d.span().pointer());
        assertEquals(1, d.span().line());
        assertTrue(d.span().column() >= 33 && d.span().column() <= 38, d.headline());
        assertTrue(d.code().startsWith("AP0"), d.code());
    }

    @Test
    void templateErrorsAccountForEscapesBeforeThem() {
        // \" escapes shift the written columns: the bad interpolation is at column 44 in the file
        String json = "{\"agent\": \"a\", \"output\": {\"m\": \"\\\"q\\\" ${1 +}\"}}";
        Diagnostic d = only(json);
        assertEquals("/output/m", d.span().pointer());
        int interpolation = json.indexOf("${") + 1;
        assertTrue(d.span().column() >= interpolation && d.span().column() <= interpolation + 6,
                d.headline() + " expected near column " + interpolation);
    }

    @Test
    void expressionAndSchemaErrorsAreReportedTogether() {
        List<Diagnostic> all = problems("{\"agent\": \"a\", \"steps\": [{\"while\": \"(\", \"max\": 0}]}");
        assertEquals(2, all.size(), all.toString());
        assertTrue(all.stream().anyMatch(d -> d.span().pointer().equals("/steps/0/while")));
        assertTrue(all.stream().anyMatch(d -> d.span().pointer().equals("/steps/0/max")
                && d.message().equals("`max` must be at least 1")));
    }

    @Test
    void aDurationTooLongForJavaIsADiagnostic() {
        Diagnostic d = only("{\"agent\": \"a\", \"steps\": [{\"wait\": \"99999999999999999999d\"}]}");
        assertAt(d, JsonCodes.BAD_VALUE, "/steps/0/wait", 1, 35);
    }

    @Test
    void nestedStepsHaveDeepPointers() {
        Diagnostic d = only("""
                {"agent": "a", "steps": [
                  {"try": [
                    {"for_each": "x", "in": "xs", "do": [
                      {"parallel": "all", "lanes": {"one": [{"wait": "5 s"}]}}
                    ]}
                  ]}
                ]}
                """);
        assertAt(d, JsonCodes.BAD_VALUE, "/steps/0/try/0/do/0/lanes/one/0/wait", 4, 54);
    }
}
