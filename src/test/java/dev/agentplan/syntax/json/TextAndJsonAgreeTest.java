package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example plans read from .agent text and from their JSON form give equal models. */
class TextAndJsonAgreeTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = TextAndJsonAgreeTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String show(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.headline() + " " + d.span().pointer()).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident_triage", "pr_review", "research", "customer_refund", "deploy_canary",
            "local_health_check", "nightly_cleanup", "release_notes", "smoke_tests"})
    void textToJsonToModelIsTheSameModel(String name) throws IOException {
        ParseResult text = PlanParser.parse(name + ".agent", resource(name + ".agent"));
        assertEquals(List.of(), text.diagnostics(), show(text.diagnostics()));
        AgentDefinition fromText = text.definition();

        String json = JsonPlanCodec.encode(fromText);
        assertEquals(List.of(), PlanSchema.get().check(json), json);
        ParseResult decoded = JsonPlanCodec.decode(name + ".json", json);
        assertEquals(List.of(), decoded.diagnostics(), show(decoded.diagnostics()) + "\n" + json);
        assertEquals(fromText, decoded.definition());
        assertEquals(json, JsonPlanCodec.encode(decoded.definition()));
    }
}
