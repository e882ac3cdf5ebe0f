package dev.agentplan.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Sha256;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlanCompilerTest {

    private final PlanCompiler compiler = new PlanCompiler(PlanValidator.withBuiltinTools());

    @Test
    void anAgentFileAndItsJsonCompileToTheSameCanonicalJsonAndSha() {
        CompiledPlan text = compiler.compile(Path.of("definitions/local_health_check.agent"));
        assertFalse(text.hasErrors(), text.diagnostics().toString());
        assertEquals(JsonPlanCodec.encode(text.definition()), text.canonicalJson());
        assertEquals(Sha256.of(text.canonicalJson()), text.sha256());
        CompiledPlan json = compiler.compile("same.json", text.canonicalJson());
        assertFalse(json.hasErrors(), json.diagnostics().toString());
        assertEquals(text.definition(), json.definition());
        assertEquals(text.sha256(), json.sha256());
    }

    @Test
    void errorsMeanNoDefinitionJsonOrSha() {
        CompiledPlan broken = compiler.compile("broken.agent", "agent a\n\nset x =\n");
        assertTrue(broken.hasErrors());
        assertFalse(broken.parsedCleanly());
        assertNull(broken.canonicalJson());
        assertNull(broken.sha256());
        Diagnostic first = broken.diagnostics().get(0);
        assertEquals("broken.agent", first.span().file());
    }

    @Test
    void semanticErrorsComeFromTheValidatorOnACleanParse() {
        CompiledPlan unknownTool = compiler.compile("t.agent", "agent a\n\nnope()\n");
        assertTrue(unknownTool.parsedCleanly(), unknownTool.diagnostics().toString());
        assertTrue(unknownTool.hasErrors());
        assertNull(unknownTool.sha256());
    }
}
