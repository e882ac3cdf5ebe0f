package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.syntax.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workflow's lean decode (no schema check) builds exactly the definition the full decode builds. */
class DecodeTrustedTest {

    @Test
    void sameDefinitionAsTheFullDecodeForEveryExamplePlan() throws IOException {
        List<Path> plans;
        try (Stream<Path> s = Files.list(Path.of("definitions"))) {
            plans = s.filter(p -> p.toString().endsWith(".agent")).sorted().toList();
        }
        assertFalse(plans.isEmpty());
        for (Path p : plans) {
            ParseResult parsed = PlanSources.read(p);
            assertNotNull(parsed.definition(), p + ": " + parsed.diagnostics());
            String json = JsonPlanCodec.encode(parsed.definition());
            AgentDefinition full = JsonPlanCodec.decode("x.json", json).definition();
            ParseResult lean = JsonPlanCodec.decodeTrusted("x.json", json);
            assertEquals(List.of(), lean.diagnostics(), p.toString());
            assertEquals(full, lean.definition(), p.toString());
        }
        AgentDefinition everything = Fixtures.everything();
        assertEquals(everything, JsonPlanCodec.decodeTrusted("e.json", JsonPlanCodec.encode(everything)).definition());
    }

    @Test
    void brokenTextIsStillADiagnosticNotAnException() {
        ParseResult notJson = JsonPlanCodec.decodeTrusted("bad.json", "{\"agent\": ");
        assertNull(notJson.definition());
        assertTrue(notJson.hasErrors());
        ParseResult badExpression = JsonPlanCodec.decodeTrusted("bad.json",
                "{\"agent\":\"a\",\"steps\":[{\"set\":\"x\",\"value\":\"${1 +}\"}]}");
        assertNull(badExpression.definition());
        assertTrue(badExpression.hasErrors());
    }
}
