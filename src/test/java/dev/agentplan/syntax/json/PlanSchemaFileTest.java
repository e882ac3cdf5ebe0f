package dev.agentplan.syntax.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema file itself: valid draft 2020-12, documented everywhere, and the same file the build packages. */
class PlanSchemaFileTest {

    private static final Path SCHEMA = Path.of("schema", "agentplan.schema.json");

    @Test
    void theSchemaIsAValidDraft202012Schema() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema meta = registry.getSchema(com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<com.networknt.schema.Error> errors = meta.validate(Files.readString(SCHEMA), InputFormat.JSON);
        assertEquals(List.of(), errors);
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }

    @Test
    void everyPropertyAndDefinitionHasADescription() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<String> missing = new ArrayList<>();
        check(schema, "#", missing);
        assertEquals(List.of(), missing, "schemas without a description");
    }

    /** Every schema that is a definition, a property or the root must say what it is. */
    private static void check(JsonNode node, String where, List<String> missing) {
        if (!node.has("description") || !node.get("description").isTextual() || node.get("description").asText().isBlank()) {
            missing.add(where);
        }
        for (String group : List.of("$defs", "properties")) {
            JsonNode members = node.get(group);
            if (members != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = members.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    check(e.getValue(), where + "/" + group + "/" + e.getKey(), missing);
                }
            }
        }
    }

    @Test
    void theClasspathCopyIsTheSchemaFile() throws IOException {
        try (var in = PlanSchema.class.getResourceAsStream(PlanSchema.RESOURCE)) {
            assertTrue(in != null, "schema not packaged at " + PlanSchema.RESOURCE);
            assertEquals(Files.readString(SCHEMA), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void canonicalOutputAlwaysPassesTheSchema() {
        String json = JsonPlanCodec.encode(Fixtures.everything());
        assertEquals(List.of(), PlanSchema.get().check(json));
    }

    @Test
    void theSchemaAcceptsAHandWrittenPlanWithEveryStep() {
        String json = """
                {
                  "$schema": "https://agentplan.dev/schema/agentplan.schema.json",
                  "agent": "all_steps",
                  "steps": [
                    {"call": "t", "bind": "r", "args": {"a": [1, {"b": null}]}, "key": "input.k", "undo": {"call": "t"}},
                    {"if": "r.ok", "then": [], "else_if": [{"if": "r.maybe", "then": [{"wait": "1d"}]}], "else": []},
                    {"for_each": "x", "in": "r.items", "parallel": 2, "do": []},
                    {"while": "false", "max": 1, "do": []},
                    {"parallel": "first", "bind": "p", "lanes": {"a": [], "b": []}},
                    {"wait": "1h30m500ms"},
                    {"await_signal": "go", "bind": "g", "timeout": "5m", "on_timeout": "fail"},
                    {"approve": "ok", "ask": "Sure?", "approvers": ["a"], "timeout": "1h", "on_timeout": "approve"},
                    {"set": "v", "value": false},
                    {"try": [], "catch": [{"errors": ["E"], "as": "e", "do": []}, {}], "finally": []},
                    {"fail": {"why": "${g}"}},
                    {"run": "other", "ref": 2, "bind": "o", "inputs": {"i": 1}}
                  ]
                }
                """;
        assertEquals(List.of(), PlanSchema.get().check(json));
    }
}
