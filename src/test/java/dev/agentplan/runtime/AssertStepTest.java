package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanFormatter;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code assert}, the step kind added to prove the redesign: text and JSON forms, validation and
 * the interpreter, end to end on the test server.
 */
class AssertStepTest extends InterpreterTestBase {

    private static final String PLAN = """
            agent checks
            input { n: number }
            tools { echo = echo { timeout 30s } }
            r = echo(n: input.n)
            assert r.n > 0 else "n must be positive, got ${r.n}"
            set big = null
            try {
              assert r.n < 10
            } catch AssertionFailed as e {
              set big = e.message
            }
            output { n: r.n, big: big }
            """;

    @Test
    void aHoldingAssertionGoesOnAndAFailingOneFailsWithItsMessage() {
        assertTrue(validate(PLAN).stream().noneMatch(Diagnostic::isError), () -> validate(PLAN).toString());
        RunResult ok = run(AgentTextTest.deploy("checks.agent", PLAN), json("{\"n\": 3}"));
        assertEquals(RunState.COMPLETED, ok.status(), String.valueOf(ok.error()));
        assertEquals("{\"n\":3,\"big\":null}", out(ok));

        RunResult caught = run(AgentTextTest.deploy("checks.agent", PLAN), json("{\"n\": 12}"));
        assertEquals(RunState.COMPLETED, caught.status(), String.valueOf(caught.error()));
        assertEquals("{\"n\":12,\"big\":\"the assertion at step 4/try/1 (checks.agent:8) does not hold\"}", out(caught));

        RunResult failed = run(AgentTextTest.deploy("checks.agent", PLAN), json("{\"n\": -1}"));
        assertEquals(RunState.FAILED, failed.status());
        assertEquals("AssertionFailed", failed.error().type());
        assertEquals("n must be positive, got -1", failed.error().message());
        assertEquals("2", failed.error().step());
    }

    @Test
    void theTextAndJsonFormsRoundTrip() {
        AgentDefinition def = PlanText.parse("checks.agent", PLAN).definition();
        String json = JsonPlanCodec.encode(def);
        assertTrue(json.contains("\"assert\": \"r.n > 0\""), json);
        ParseResult back = JsonPlanCodec.decode("checks.json", json);
        assertFalse(back.hasErrors(), back.diagnostics().toString());
        assertEquals(json, JsonPlanCodec.encode(back.definition()));
        String text = PlanFormatter.format(def);
        assertTrue(text.contains("assert r.n > 0 else \"n must be positive, got ${r.n}\""), text);
        assertEquals(json, JsonPlanCodec.encode(PlanText.parse("again.agent", text).definition()));
    }

    @Test
    void theValidatorChecksTheCondition() {
        String bad = PLAN.replace("assert r.n > 0", "assert missing > 0");
        List<Diagnostic> ds = validate(bad);
        assertTrue(ds.stream().anyMatch(d -> d.isError() && d.message().contains("missing")), ds.toString());
    }

    private static List<Diagnostic> validate(String text) {
        ParseResult parsed = PlanText.parse("checks.agent", text);
        assertFalse(parsed.hasErrors(), parsed.diagnostics().toString());
        return PlanValidator.withBuiltinTools().validate(parsed.definition());
    }
}
