package dev.agentplan.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceMapTest {

    private static SourceSpan line(int n) {
        return SourceSpan.of("plan.agent", n, 1);
    }

    @Test
    void mapsEveryStepPathToItsLine() {
        Expr cond = new Expr.BooleanLiteral(true, SourceSpan.NONE);
        Step call = new Step.CallStep("r", new Step.ToolCall("logs", Map.of(), line(3)), null, null, line(3));
        Step inner = new Step.WaitStep(Duration.ofSeconds(1), line(5));
        Step unknown = new Step.WaitStep(Duration.ofSeconds(2), SourceSpan.NONE);
        Step iff = new Step.IfStep(List.of(new Step.Branch(cond, List.of(inner, unknown), line(4))),
                List.of(new Step.FailStep(new Expr.StringLiteral("x", SourceSpan.NONE), line(8))), line(4));
        AgentDefinition def = new AgentDefinition("triage", null, null, null, null, null, List.of(call, iff),
                null, line(1));

        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("1", 3);
        expected.put("2", 4);
        expected.put("2/then/1", 5);
        expected.put("2/else/1", 8);
        SourceMap map = SourceMap.of(def);
        assertEquals(expected, map.lines());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(map.lines().keySet()), "step order is kept");
        assertTrue(map.lineOf("2/then/2").isEmpty(), "steps without a known span have no line");
    }

    @Test
    void refusesNonsenseEntries() {
        assertThrows(RepositoryException.class, () -> new SourceMap(Map.of("1", 0)));
        assertThrows(RepositoryException.class, () -> new SourceMap(Map.of(" ", 3)));
    }

    @Test
    void deployRequestOfAModelCarriesItsSourceMap() {
        Step call = new Step.CallStep(null, new Step.ToolCall("logs", Map.of(), line(7)), null, null, line(7));
        AgentDefinition def = new AgentDefinition("triage", null, null, null, null, null, List.of(call), null, line(1));
        DeployRequest request = DeployRequest.of(def, "{}", "src", "plan.agent");
        assertEquals("triage", request.agentName());
        assertEquals(Map.of("1", 7), request.sourceMap().lines());
    }
}
