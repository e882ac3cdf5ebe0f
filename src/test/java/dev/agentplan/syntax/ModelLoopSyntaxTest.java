package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Step;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code loop MODEL { … }} and budget prices: read, formatted back, the same through JSON, and proven safe. */
class ModelLoopSyntaxTest {

    static final String TEXT = """
            agent l

            input {
              topic: string
            }

            tools {
              brain = llm.chat { timeout 1m }
              search = http { timeout 10s }
              publish = http { timeout 10s  effect irreversible }
            }

            budget { cost 2  price "gpt-4o-mini" { prompt 0.15  completion 0.6 } }

            report = loop brain {
              ask "Research ${input.topic} and publish"
              context { topic: input.topic, loop: 1 }
              tools [search, publish]
              max_turns 8
              approval_timeout 4h
              approvers ["alice", "bob"]
            }
            loop brain { ask "again"  tools [search]  max_turns 2 }

            output {
              answer: report.answer
            }
            """;

    private static AgentDefinition parse(String text) {
        ParseResult p = PlanText.parse("l.agent", text);
        assertFalse(p.hasErrors(), p.diagnostics().toString());
        return p.definition();
    }

    @Test
    void aLoopIsReadIntoTheModel() {
        AgentDefinition d = parse(TEXT);
        Step.ModelLoopStep s = (Step.ModelLoopStep) d.steps().get(0);
        assertEquals("report", s.bind());
        assertEquals("brain", s.model());
        assertEquals(List.of("search", "publish"), s.toolNames());
        assertEquals(8, s.maxTurns());
        assertEquals(Duration.ofHours(4), s.approvalTimeout());
        assertEquals(List.of("alice", "bob"), s.approvers());
        assertEquals(18, s.tools().get(1).span().column(), "the allow-list names carry their column");
        Step.ModelLoopStep second = (Step.ModelLoopStep) d.steps().get(1);
        assertNull(second.bind());
        assertNull(second.context());
        assertEquals(0, new BigDecimal("0.6").compareTo(d.budget().prices().get("gpt-4o-mini").completion()));
        assertEquals(0, new BigDecimal("0.00000075").compareTo(d.budget().prices().get("gpt-4o-mini").of(1, 1)));
    }

    @Test
    void theCanonicalTextAndTheJsonFormGiveTheSameModel() {
        AgentDefinition d = parse(TEXT);
        assertEquals(TEXT, PlanFormatter.format(d));
        String json = JsonPlanCodec.encode(d);
        assertTrue(json.replaceAll("\\s", "").contains("\"loop\":\"brain\""), json);
        ParseResult viaJson = JsonPlanCodec.decode("l.json", json);
        assertFalse(viaJson.hasErrors(), viaJson.diagnostics().toString());
        assertEquals(PlanFormatter.format(d), PlanFormatter.format(viaJson.definition()));
    }

    @Test
    void anAllowedIrreversibleToolIsGatedAtRunTimeNotAnAp208() {
        List<Diagnostic> found = PlanValidator.withBuiltinTools().validate(parse(TEXT));
        assertTrue(found.stream().noneMatch(x -> x.severity() == Diagnostic.Severity.ERROR), found.toString());
        String direct = TEXT.replace("loop brain { ask \"again\"  tools [search]  max_turns 2 }",
                "publish(method: \"POST\", url: \"https://x.example\") key \"k\"");
        List<Diagnostic> ungated = PlanValidator.withBuiltinTools().validate(parse(direct));
        assertTrue(ungated.stream().anyMatch(x -> x.code().equals("AP208")), ungated.toString());
    }

    @Test
    void anUnknownLoopOptionIsNamedWithTheOptions() {
        ParseResult p = PlanText.parse("l.agent", TEXT.replace("max_turns 8", "max_turn 8"));
        Diagnostic d = p.diagnostics().stream().filter(x -> x.code().equals("AP003")).findFirst().orElseThrow();
        assertTrue(d.message().contains("unknown `loop` option `max_turn`"), d.message());
        assertEquals("did you mean `max_turns`?", d.hint());
        assertEquals(19, d.span().line());
    }

    @Test
    void anUnknownPriceFieldIsReported() {
        ParseResult p = PlanText.parse("l.agent", TEXT.replace("completion 0.6", "output 0.6"));
        assertTrue(p.diagnostics().stream().anyMatch(x -> x.code().equals("AP003")
                && x.message().contains("unknown price option `output`")), p.diagnostics().toString());
    }

    static final String MCP = """
            agent m

            tools {
              brain = llm.chat { timeout 1m }
              fs = mcp { command ["npx", "server-filesystem", "."]  timeout 30s }
              ev = mcp { command ["npx", "server-everything"]  timeout 30s }
            }

            report = loop brain { ask "Read the notes"  tools [fs.read_text_file, ev]  max_turns 4 }

            output {
              answer: report.answer
            }
            """;

    @Test
    void mcpToolsAndWholeServersMayBeAllowedInTextAndJson() {
        AgentDefinition d = parse(MCP);
        Step.ModelLoopStep s = (Step.ModelLoopStep) d.steps().get(0);
        assertEquals(List.of("fs.read_text_file", "ev"), s.toolNames());
        assertEquals(MCP, PlanFormatter.format(d));
        ParseResult viaJson = JsonPlanCodec.decode("m.json", JsonPlanCodec.encode(d));
        assertFalse(viaJson.hasErrors(), viaJson.diagnostics().toString());
        assertEquals(MCP, PlanFormatter.format(viaJson.definition()));
        // without discovery an MCP tool's name cannot be checked: not an error
        List<Diagnostic> found = PlanValidator.withBuiltinTools().validate(d);
        assertTrue(found.stream().noneMatch(x -> x.severity() == Diagnostic.Severity.ERROR), found.toString());
    }

    @Test
    void aMisspeltMcpToolIsReportedAgainstTheDiscoveredTools() {
        AgentDefinition d = parse(MCP.replace("fs.read_text_file", "fs.read_txt_file"));
        var read = new dev.agentplan.model.McpToolInfo("read_text_file", "Read a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}", List.of("path"),
                List.of("path"), true, false, true, false);
        AgentDefinition discovered = dev.agentplan.runtime.tools.mcp.McpCache.apply(d,
                java.util.Map.of("fs", java.util.Map.of("read_text_file", read)));
        List<Diagnostic> found = PlanValidator.withBuiltinTools().validate(discovered);
        Diagnostic e = found.stream().filter(x -> x.code().equals("AP161")).findFirst().orElseThrow(() -> new AssertionError(found.toString()));
        assertTrue(e.message().contains("no `read_txt_file`") && e.message().contains("read_text_file"), e.message());
        assertEquals(9, e.span().line());
        assertEquals(52, e.span().column());
        ParseResult bad = PlanText.parse("m.agent", MCP.replace("fs.read_text_file", "fs[0]"));
        assertTrue(bad.diagnostics().stream().anyMatch(x -> x.message().contains("`tools` lists the names")),
                bad.diagnostics().toString());
    }
}
