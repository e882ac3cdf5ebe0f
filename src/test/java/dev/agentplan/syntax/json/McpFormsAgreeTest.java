package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * MCP servers and calls in both plan forms: the text and the JSON form give one model, each
 * converts to the other and back unchanged, and a declaration without exactly one transport (or
 * an MCP option on another kind) is AP027 at its line.
 */
class McpFormsAgreeTest {

    static final String PLAN = """
            agent mcp_forms "MCP servers in both forms"
            input { dir: string = "/srv" }
            tools {
              defaults { timeout 30s }
              fs = mcp { command ["npx", "-y", "@modelcontextprotocol/server-filesystem", input.dir]  env { LOG: "warn", "X-MODE": "${input.dir}" }
                retry { attempts 2 }  tool write_file { effect irreversible  idempotent }  tool "v2.read" { effect read } }
              web = mcp { url "https://mcp.example/mcp"  headers { Authorization: "Bearer ${secret("MCP_TOKEN")}", "X-Api-Version": "2" }
                effect read  idempotent }
            }
            a = fs."v2.read"(path: "${input.dir}/a")
            approve ok { ask "write?"  timeout 1h }
            w = fs.write_file(path: "/srv/b", content: a.text) undo fs.write_file(path: "/srv/b", content: "")
            s = web.get-sum(a: 1, b: 2)
            output { s: s.text }
            """;

    private static String show(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::headline).collect(Collectors.joining("\n"));
    }

    @Test
    void textToJsonToModelAndBackAgree() {
        ParseResult text = PlanText.parse("mcp_forms.agent", PLAN);
        assertEquals(List.of(), text.diagnostics(), show(text.diagnostics()));
        AgentDefinition fromText = text.definition();
        String json = JsonPlanCodec.encode(fromText);
        assertEquals(List.of(), PlanSchema.get().check(json), json);
        ParseResult decoded = JsonPlanCodec.decode("mcp_forms.json", json);
        assertEquals(List.of(), decoded.diagnostics(), show(decoded.diagnostics()) + "\n" + json);
        assertEquals(fromText, decoded.definition());
        assertEquals(json, JsonPlanCodec.encode(decoded.definition()));

        String again = PlanSources.toAgentText(decoded.definition());
        ParseResult reparsed = PlanText.parse("mcp_forms.agent", again);
        assertEquals(List.of(), reparsed.diagnostics(), show(reparsed.diagnostics()) + "\n" + again);
        assertEquals(json, PlanSources.toJson(reparsed.definition()));
        assertEquals(again, PlanSources.toAgentText(reparsed.definition()), "the formatter is stable");
    }

    @Test
    void callsResolveToTheServersToolsWithTheirPolicies() {
        AgentDefinition def = PlanText.parse("mcp_forms.agent", PLAN).definition();
        ToolDecl write = def.tool("fs.write_file");
        assertNotNull(write);
        assertEquals("write_file", write.mcpTool());
        assertEquals(Effect.IRREVERSIBLE, write.policy().effect());
        assertEquals(2, write.policy().retry().maxAttempts(), "the server's retry holds for its tools");
        assertEquals(Effect.READ, def.tool("fs.v2.read").policy().effect());
        assertEquals(null, def.tool("fs.other").policy().effect(), "a tool without its own block has the server's policy");
        assertEquals(null, def.tool("nope.x"));
        String json = JsonPlanCodec.encode(def);
        assertTrue(json.contains("\"call\": \"web.get-sum\"") || json.contains("\"call\":\"web.get-sum\""), json);
    }

    private static List<String> errors(String tools) {
        ParseResult r = PlanText.parse("bad.agent", "agent bad \"x\"\ntools {\n" + tools + "\n}\n");
        return r.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.code() + " " + d.message())
                .toList();
    }

    @Test
    void aServerNeedsExactlyOneTransportAndItsOptionsBelongToIt() {
        assertEquals(List.of("3:1 AP027 MCP server `a` has no transport"), errors("a = mcp { timeout 5s }"));
        assertEquals(List.of("3:1 AP027 MCP server `a` has both a `command` and a `url`"),
                errors("a = mcp { command [\"x\"]  url \"http://h/mcp\" }"));
        assertEquals(List.of("3:26 AP027 `headers` are for servers reached by `url`"),
                errors("a = mcp { command [\"x\"]  headers { A: \"b\" } }"));
        assertEquals(List.of("3:24 AP027 `command` is an option of MCP servers, not of kind `http`"),
                errors("a = http { timeout 1s  command [\"x\"] }").stream().filter(e -> e.contains("AP027")).toList());
        assertEquals(List.of("3:12 AP027 `url` is an option of MCP servers, not of the tool `defaults`"),
                errors("defaults { url \"http://h\" }"));
        assertTrue(errors("a = mcp { command [\"x\"]  tool t { timeout 1s }  tool t { timeout 2s } }").stream()
                .anyMatch(e -> e.contains("AP013") && e.contains("`tool t` is given twice")));
    }

    @Test
    void aToolNameWithSpacesAroundItsDashIsAnError() {
        ParseResult r = PlanText.parse("dash.agent", """
                agent dash "x"
                tools { e = mcp { command ["x"]  timeout 1s } }
                r = e.get - sum(a: 1)
                """);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code().equals("AP027") && d.span().line() == 3
                && d.message().contains("spaces around its `-`")), show(r.diagnostics()));
    }

    @Test
    void theJsonFormRejectsAServerWithoutTransportAtItsPointer() {
        ParseResult r = JsonPlanCodec.decode("bad.json", """
                {"agent": "bad", "tools": {"fs": {"kind": "mcp", "timeout": "5s"}}, "steps": [{"call": "fs.read", "args": {}}]}
                """);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("MCP server `fs` has no transport")),
                show(r.diagnostics()));
    }
}
