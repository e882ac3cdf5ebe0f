package dev.agentplan.runtime.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas a model loop offers, where they come from, and the argument check against them. */
class ToolSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static ToolDecl decl(String name, String kind) {
        return new ToolDecl(name, kind, ToolPolicy.EMPTY, SourceSpan.NONE);
    }

    @Test
    void aDeclaredToolOffersItsKindsArguments() {
        ObjectNode http = new KindToolSchemas().parameters(decl("search", "http"), BuiltinToolKinds.HTTP);
        assertEquals("object", http.path("type").asText());
        assertEquals("string", http.at("/properties/url/type").asText());
        assertEquals("[\"url\"]", http.path("required").toString());
        assertEquals(false, http.path("additionalProperties").asBoolean());
        assertTrue(http.path("properties").has("body"));
        assertTrue(!http.path("properties").has("accept_truncated"), "worker options are not the model's");
        ObjectNode echo = new KindToolSchemas().parameters(decl("note", "echo"), BuiltinToolKinds.ECHO);
        assertTrue(!echo.has("additionalProperties"), "an open kind takes any argument");
    }

    @Test
    void aDiscoveredSchemaComesFirstAndDeclaredKindsFillIn() throws Exception {
        ObjectNode discovered = (ObjectNode) json("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}, \"required\": [\"a\"]}");
        ToolSchemaSource mcp = new ToolSchemaSource() {
            @Override
            public ObjectNode parameters(ToolDecl d, ToolKind k) {
                return d.name().equals("add") ? discovered : null;
            }

            @Override
            public String description(ToolDecl d, ToolKind k) {
                return d.name().equals("add") ? "adds numbers" : null;
            }
        };
        ToolSchemaSource both = mcp.orElse(new KindToolSchemas());
        assertEquals(discovered, both.parameters(decl("add", "mcp.add"), null));
        assertEquals("adds numbers", both.description(decl("add", "mcp.add"), null));
        assertEquals("string", both.parameters(decl("search", "http"), BuiltinToolKinds.HTTP).at("/properties/url/type").asText());
    }

    @Test
    void argumentsAreCheckedAgainstTheSchema() throws Exception {
        JsonNode schema = json("""
                {"type": "object", "required": ["n", "mode"], "additionalProperties": false,
                 "properties": {"n": {"type": "integer"}, "mode": {"enum": ["a", "b"]},
                                "tags": {"type": "array", "items": {"type": "string"}}}}""");
        assertEquals(List.of(), ArgumentCheck.problems(json("{\"n\": 2, \"mode\": \"a\", \"tags\": [\"x\"]}"), schema));
        assertEquals(List.of("arguments needs 'mode'", "arguments.n must be an integer, not a number",
                        "arguments.tags[1] must be a string, not a number", "arguments has no 'extra' (it takes n, mode, tags)"),
                ArgumentCheck.problems(json("{\"n\": 2.5, \"tags\": [\"x\", 3], \"extra\": 1}"), schema));
        assertEquals(List.of("arguments.mode must be one of [\"a\",\"b\"]"),
                ArgumentCheck.problems(json("{\"n\": 1, \"mode\": \"c\"}"), schema));
        assertEquals(List.of("arguments must be an object, not an array"), ArgumentCheck.problems(json("[]"), schema));
    }
}
