package dev.agentplan.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example plan in {@code definitions/} validates clean, in its text form and in its JSON form. */
class DefinitionsValidateTest {

    static Stream<Path> definitions() {
        return GoldenFiles.plans(GoldenFiles.DEFINITIONS).stream();
    }

    @Test
    void thereAreExamplePlans() {
        assertTrue(GoldenFiles.plans(GoldenFiles.DEFINITIONS).size() >= 9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void validatesWithoutErrorsOrWarnings(Path plan) {
        ParseResult parsed = GoldenFiles.parse(plan);
        assertNotNull(parsed.definition(), () -> "does not parse: " + headlines(parsed.diagnostics()));
        assertEquals(List.of(), parsed.diagnostics(), plan.toString());
        List<Diagnostic> found = PlanValidator.withBuiltinTools().validate(parsed.definition());
        assertEquals("", headlines(found), plan.toString());
    }

    /** The JSON form of a plan means the same, so it validates the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void theJsonFormValidatesCleanToo(Path plan) {
        ParseResult text = GoldenFiles.parse(plan);
        String json = JsonPlanCodec.encode(text.definition());
        ParseResult fromJson = GoldenFiles.parse(plan.getFileName() + ".json", json);
        assertNotNull(fromJson.definition(), () -> headlines(fromJson.diagnostics()));
        assertEquals("", headlines(PlanValidator.withBuiltinTools().validate(fromJson.definition())));
    }

    /** A plan is only as safe as its gates: the exec call of the triage plan is proven gated, not ignored. */
    @Test
    void theTriagePlansRestartIsARiskyCallThatIsGated() {
        ParseResult parsed = GoldenFiles.parse(GoldenFiles.DEFINITIONS.resolve("incident_triage.agent"));
        String text = GoldenFiles.read(GoldenFiles.DEFINITIONS.resolve("incident_triage.agent"));
        // Dropping the approval gate must make the validator complain about exactly that call.
        String ungated = text.replaceAll("(?s)  approve restart_ok \\{.*?\\n  \\}\\n", "");
        assertFalse(ungated.equals(text), "the gate was found in the plan text");
        List<Diagnostic> found = GoldenFiles.diagnostics(GoldenFiles.parse("incident_triage.agent", ungated));
        assertTrue(found.stream().anyMatch(d -> d.code().equals("AP208")), headlines(found));
        assertNotNull(parsed.definition());
    }

    private static String headlines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::headline).collect(Collectors.joining("\n"));
    }
}
