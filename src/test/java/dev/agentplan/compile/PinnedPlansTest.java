package dev.agentplan.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PinnedPlansTest {

    private final CompiledPlan compiled = new PlanCompiler(PlanValidator.withBuiltinTools())
            .compile(Path.of("definitions/local_health_check.agent"));

    @Test
    void pinnedJsonDecodesToWhatTheFullDecodeBuilds() {
        assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
        AgentDefinition pinned = PinnedPlans.decode("local_health_check.json", compiled.canonicalJson());
        assertEquals(JsonPlanCodec.decode("local_health_check.json", compiled.canonicalJson()).definition(), pinned);
        assertEquals(compiled.canonicalJson(), JsonPlanCodec.encode(pinned));
    }

    @Test
    void unreadableJsonFailsWithOneLineNamingTheDefinition() {
        UnreadablePlanException e = assertThrows(UnreadablePlanException.class,
                () -> PinnedPlans.decode("odd@2", "{\"agent\": "));
        assertTrue(e.getMessage().startsWith("odd@2 no longer reads as a plan with this agentplan (odd@2:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
        assertTrue(assertThrows(UnreadablePlanException.class, () -> PinnedPlans.decode("none@1", null))
                .getMessage().startsWith("none@1 no longer reads as a plan with this agentplan (no plan in it)"));
    }

    @Test
    void viewsThatCanShowLessGetNull() {
        assertNull(PinnedPlans.decodeOrNull("odd.json", "[1, 2]"));
        assertNull(PinnedPlans.decodeOrNull("odd.json", null));
        assertEquals(compiled.definition().name(),
                PinnedPlans.decodeOrNull("x.json", compiled.canonicalJson()).name());
    }
}
