package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentplan.compile.CompiledPlan;
import dev.agentplan.compile.PlanCompiler;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.validate.PlanValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PinsOfCompiledTest {

    private final PlanCompiler compiler = new PlanCompiler(PlanValidator.withBuiltinTools());

    @Test
    void aCompiledPlanIsPinnedWithTheCompilersJsonAndSha() {
        CompiledPlan compiled = compiler.compile(Path.of("definitions/local_health_check.agent"));
        PinnedDefinition pinned = Pins.ofFile("local_health_check.agent", compiled);
        assertEquals(compiled.canonicalJson(), pinned.canonicalJson());
        assertEquals(compiled.sha256(), pinned.sha256());
        assertEquals(Pins.NOT_DEPLOYED, pinned.version());
        assertEquals(Pins.ofFile("local_health_check.agent", compiled.definition()), pinned);
    }

    @Test
    void aPlanWithErrorsIsNeverPinned() {
        CompiledPlan broken = compiler.compile("t.agent", "agent a\n\nnope()\n");
        assertThrows(IllegalArgumentException.class, () -> Pins.ofFile("t.agent", broken));
    }
}
