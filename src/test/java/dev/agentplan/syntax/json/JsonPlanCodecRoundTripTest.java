package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.syntax.ParseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPlanCodecRoundTripTest {

    private static AgentDefinition decodeOk(String json) {
        ParseResult result = JsonPlanCodec.decode("plan.json", json);
        assertEquals(List.of(), result.diagnostics(), "no diagnostics expected for:\n" + json);
        assertNotNull(result.definition());
        return result.definition();
    }

    @Test
    void everyConstructSurvivesEncodeThenDecode() {
        AgentDefinition plan = Fixtures.everything();
        String json = JsonPlanCodec.encode(plan);
        AgentDefinition back = decodeOk(json);
        assertEquals(plan, back);
        // and step by step, so a failure names the construct
        for (int i = 0; i < plan.steps().size(); i++) {
            assertEquals(plan.steps().get(i), back.steps().get(i), "step " + i);
        }
    }

    @Test
    void encodingIsByteStable() {
        String once = JsonPlanCodec.encode(Fixtures.everything());
        String twice = JsonPlanCodec.encode(decodeOk(once));
        assertEquals(once, twice);
        assertEquals(twice, JsonPlanCodec.encode(decodeOk(twice)));
    }

    @Test
    void handWrittenJsonBecomesCanonical() {
        String messy = "{\"steps\":[{\"args\":{\"url\":\"https://x.example/${input.id}\"},\"call\":\"fetch\",\"bind\":\"page\"},"
                + "{\"value\":{\"b\":[1,2.50,\"${page.body}\"],\"a\":null},\"set\":\"x\"}],"
                + "\"tools\":{\"fetch\":{\"retry\":{\"max_interval\":\"60s\",\"attempts\":2},\"kind\":\"http\",\"timeout\":\"90m\"}},"
                + "\"inputs\":{\"id\":{\"description\":\"which\",\"type\":\"string\"}},\"agent\":\"a\"}";
        String expected = """
                {
                  "agent": "a",
                  "inputs": {
                    "id": {
                      "type": "string",
                      "description": "which"
                    }
                  },
                  "tools": {
                    "fetch": {
                      "kind": "http",
                      "timeout": "1h30m",
                      "retry": {
                        "attempts": 2,
                        "max_interval": "1m"
                      }
                    }
                  },
                  "steps": [
                    {
                      "call": "fetch",
                      "bind": "page",
                      "args": {
                        "url": "https://x.example/${input.id}"
                      }
                    },
                    {
                      "set": "x",
                      "value": {
                        "b": [1, 2.5, "${page.body}"],
                        "a": null
                      }
                    }
                  ]
                }
                """;
        assertEquals(expected, JsonPlanCodec.encode(decodeOk(messy)));
    }

    @Test
    void minimalPlanIsMinimalJson() {
        assertEquals("{\n  \"agent\": \"tiny\",\n  \"steps\": []\n}\n", JsonPlanCodec.encode(Fixtures.minimal()));
        assertEquals(Fixtures.minimal(), decodeOk("{\"agent\": \"tiny\"}"));
    }

    @Test
    void defaultsAreOmittedAndInheritedFieldsStayUnset() {
        String json = JsonPlanCodec.encode(Fixtures.everything());
        assertFalse(json.contains("\"approval\": \"default\""));
        assertFalse(json.contains("null,\n") && json.contains("\"description\": null"));
        AgentDefinition back = decodeOk(json);
        ToolDecl chat = back.tool("chat");
        assertEquals(null, chat.policy().timeout());
        assertEquals(null, chat.policy().retry().maxAttempts());
        assertEquals(1.5, chat.policy().retry().backoffCoefficient());
        assertEquals(ToolPolicy.EMPTY, decodeOk("{\"agent\": \"a\", \"tools\": {\"t\": {\"kind\": \"echo\"}}}")
                .tool("t").policy());
    }

    @Test
    void approvalDefaultsToFailAndIsNotWritten() {
        AgentDefinition plan = decodeOk("{\"agent\": \"a\", \"steps\": [{\"approve\": \"ok\", \"timeout\": \"1h\"}]}");
        Step.ApproveStep approve = (Step.ApproveStep) plan.steps().get(0);
        assertEquals(Step.ApprovalTimeout.FAIL, approve.onTimeout());
        assertEquals(List.of(), approve.approvers());
        assertFalse(JsonPlanCodec.encode(plan).contains("on_timeout"));
    }

    @Test
    void versionRefsAreNumbersAndTagsAreStrings() {
        String json = JsonPlanCodec.encode(Fixtures.everything());
        assertTrue(json.contains("\"ref\": 3"), json);
        assertTrue(json.contains("\"ref\": \"prod\""), json);
        Step.RunAgentStep run = (Step.RunAgentStep) decodeOk(
                "{\"agent\": \"a\", \"steps\": [{\"run\": \"b\", \"ref\": 12}]}").steps().get(0);
        assertEquals("12", run.ref());
    }

    @Test
    void valueStringsAreTemplatesWithEscapes() {
        AgentDefinition plan = decodeOk("{\"agent\": \"a\", \"steps\": [{\"set\": \"x\", \"value\": \"\\\\${literal} and ${input.n}\"}]}");
        Step.SetStep set = (Step.SetStep) plan.steps().get(0);
        assertEquals(Fixtures.tmpl(Fixtures.str("${literal} and "), Fixtures.path("input.n")), set.value());
        assertTrue(JsonPlanCodec.encode(plan).contains("\"value\": \"\\\\${literal} and ${input.n}\""));
    }

    @Test
    void aWholeInterpolationIsTheExpressionItself() {
        AgentDefinition plan = decodeOk("{\"agent\": \"a\", \"output\": {\"n\": \"${length(items) + 1}\", \"s\": \"plain\"}}");
        assertEquals(Map.of("n", Fixtures.bin(dev.agentplan.model.Expr.BinaryOp.ADD,
                Fixtures.fn("length", Fixtures.path("items")), Fixtures.num("1")), "s", Fixtures.str("plain")),
                plan.output());
    }

    @Test
    void numbersKeepTheirExactValue() {
        AgentDefinition plan = decodeOk("{\"agent\": \"a\", \"output\": {\"big\": 123456789012345678901234567890,"
                + " \"small\": 0.000000001, \"e\": 1e3, \"neg\": -0.5}, \"budget\": {\"cost\": 0.10}}");
        assertEquals(Fixtures.num("123456789012345678901234567890"), plan.output().get("big"));
        assertEquals(Fixtures.num("1E-9"), plan.output().get("small"));
        assertEquals(Fixtures.num("1000"), plan.output().get("e"));
        assertEquals(Fixtures.num("-0.5"), plan.output().get("neg"));
        String json = JsonPlanCodec.encode(plan);
        assertEquals(json, JsonPlanCodec.encode(decodeOk(json)));
        assertTrue(json.contains("\"e\": 1000"), json);
    }

    @Test
    void aToolNamedDefaultsCannotBeWritten() {
        AgentDefinition plan = new AgentDefinition("a", null, List.of(), null,
                List.of(new ToolDecl("defaults", "http", null, Fixtures.NO)), null, List.of(), Map.of(), Fixtures.NO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPlanCodec.encode(plan));
        assertTrue(e.getMessage().contains("defaults"));
    }

    @Test
    void forEachParallelIsConcurrencyNotAParallelStep() {
        AgentDefinition plan = decodeOk("{\"agent\": \"a\", \"steps\": [{\"for_each\": \"x\", \"in\": \"input.xs\","
                + " \"parallel\": 3, \"do\": [{\"wait\": \"1s\"}]}]}");
        Step.ForEachStep loop = (Step.ForEachStep) plan.steps().get(0);
        assertEquals(3, loop.maxConcurrency());
        assertEquals(Fixtures.path("input.xs"), loop.items());
    }
}
