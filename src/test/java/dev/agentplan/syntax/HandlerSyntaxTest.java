package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.IntentHandler;
import dev.agentplan.model.Step;
import dev.agentplan.model.ValueType;
import dev.agentplan.syntax.json.JsonPlanCodec;
import org.junit.jupiter.api.Test;

/** {@code on signal|update …}: read, formatted back, and the same model through the JSON form. */
class HandlerSyntaxTest {

    static final String TEXT = """
            agent h

            on signal "scope" as scope: object = { regions: ["us"] }
            on update "notes" as notes: string
            on signal "ping"

            on signal "resolved" as r: any leave {
              wait 1m
            }
            on update "pause" as on: boolean = false {
              wait 2m
            }
            """;

    private static AgentDefinition parse(String text) {
        ParseResult p = PlanText.parse("h.agent", text);
        assertFalse(p.hasErrors(), p.diagnostics().toString());
        return p.definition();
    }

    @Test
    void handlersAreReadIntoTheModel() {
        AgentDefinition d = parse(TEXT);
        assertEquals(3, d.handlers().size());
        IntentHandler scope = d.handlers().get(0);
        assertEquals(IntentHandler.Kind.SIGNAL, scope.kind());
        assertEquals("scope", scope.variable());
        assertEquals(ValueType.OBJECT, scope.type());
        assertEquals(IntentHandler.Kind.UPDATE, d.handlers().get(1).kind());
        assertNull(d.handlers().get(1).defaultValue());
        assertNull(d.handlers().get(2).variable());
        Step.HandleStep resolved = (Step.HandleStep) d.steps().get(0);
        assertTrue(resolved.leave());
        assertEquals("r", resolved.binding());
        Step.HandleStep pause = (Step.HandleStep) d.steps().get(1);
        assertFalse(pause.leave());
        assertEquals("on", pause.handler().variable(), "`on` stays usable as a name");
    }

    @Test
    void theCanonicalTextAndTheJsonFormGiveTheSameModel() {
        AgentDefinition d = parse(TEXT);
        assertEquals(TEXT, PlanFormatter.format(d));
        AgentDefinition viaJson = JsonPlanCodec.decode("h.json", JsonPlanCodec.encode(d)).definition();
        assertEquals(PlanFormatter.format(d), PlanFormatter.format(viaJson));
    }

    @Test
    void aJsonHandlerNamesExactlyOneKind() {
        ParseResult p = JsonPlanCodec.decode("h.json", """
                {"agent": "h", "on": [{"on_signal": "a", "on_update": "a"}], "steps": []}
                """);
        assertTrue(p.hasErrors(), p.diagnostics().toString());
    }

    @Test
    void anUnknownPayloadTypeIsReported() {
        ParseResult p = PlanText.parse("h.agent", "agent h\non signal \"s\" as s: strng\n");
        assertTrue(p.diagnostics().stream().anyMatch(x -> x.code().equals("AP011")), p.diagnostics().toString());
    }
}
