package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example plans read from .agent text and from their JSON form give equal models. */
class TextAndJsonAgreeTest {

    /** The example plans in the repository's definitions/ folder (Maven runs tests from the project root). */
    static Stream<String> examplePlans() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("definitions"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".agent"))
                    .map(n -> n.substring(0, n.length() - ".agent".length())).sorted().toList();
            assertTrue(names.size() >= 6, "expected the example plans in definitions/");
            return names.stream();
        }
    }

    private static String resource(String name) throws IOException {
        return Files.readString(Path.of("definitions").resolve(name), StandardCharsets.UTF_8);
    }

    private static String show(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.headline() + " " + d.span().pointer()).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest
    @MethodSource("examplePlans")
    void textToJsonToModelIsTheSameModel(String name) throws IOException {
        ParseResult text = PlanText.parse(name + ".agent", resource(name + ".agent"));
        assertEquals(List.of(), text.diagnostics(), show(text.diagnostics()));
        AgentDefinition fromText = text.definition();

        String json = JsonPlanCodec.encode(fromText);
        assertEquals(List.of(), PlanSchema.get().check(json), json);
        ParseResult decoded = JsonPlanCodec.decode(name + ".json", json);
        assertEquals(List.of(), decoded.diagnostics(), show(decoded.diagnostics()) + "\n" + json);
        assertEquals(fromText, decoded.definition());
        assertEquals(json, JsonPlanCodec.encode(decoded.definition()));
    }

    @ParameterizedTest
    @MethodSource("examplePlans")
    void jsonToTextToJsonIsTheSameJson(String name) throws IOException {
        String json = JsonPlanCodec.encode(PlanText.parse(name + ".agent", resource(name + ".agent")).definition());
        AgentDefinition fromJson = JsonPlanCodec.decode(name + ".json", json).definition();
        String text = PlanSources.toAgentText(fromJson);
        ParseResult reparsed = PlanText.parse(name + ".agent", text);
        assertEquals(List.of(), reparsed.diagnostics(), show(reparsed.diagnostics()) + "\n" + text);
        assertEquals(fromJson, reparsed.definition());
        assertEquals(json, PlanSources.toJson(reparsed.definition()));
    }

    @Test
    void everyConstructAgreesAcrossBothForms() {
        AgentDefinition everything = Fixtures.everything();
        String text = PlanSources.toAgentText(everything);
        ParseResult fromText = PlanText.parse("everything.agent", text);
        assertEquals(List.of(), fromText.diagnostics(), show(fromText.diagnostics()) + "\n" + text);
        ParseResult fromJson = JsonPlanCodec.decode("everything.json", JsonPlanCodec.encode(everything));
        assertEquals(List.of(), fromJson.diagnostics());
        for (int i = 0; i < everything.steps().size(); i++) {
            assertEquals(fromJson.definition().steps().get(i), fromText.definition().steps().get(i), "step " + i);
        }
        assertEquals(fromJson.definition(), fromText.definition());
    }
}
