package dev.agentplan.plantest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.agentplan.model.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code NAME.test.json}: well-formed JSON, then the schema, then the few rules a schema cannot say. */
public final class TestFileReader {

    /** Where the build puts {@code schema/agentplan-test.schema.json} on the classpath. */
    static final String SCHEMA = "/schema/agentplan-test.schema.json";
    public static final String SUFFIX = ".test.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestFileReader() {
    }

    private static final class SchemaHolder {
        static final Schema SCHEMA_INSTANCE = load();
    }

    private static Schema load() {
        try (InputStream in = TestFileReader.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the test-file schema " + SCHEMA + " is not on the classpath");
            }
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(config));
            Schema schema = registry.getSchema(in);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("the test-file schema could not be read", e);
        }
    }

    /** The test file of a plan: {@code NAME.test.json} beside {@code NAME.agent}. */
    public static Path testFileOf(Path plan) {
        String name = plan.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        return plan.resolveSibling(base + SUFFIX);
    }

    public static TestFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TestFileException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new TestFileException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not well-formed JSON: " + e.getOriginalMessage());
        }
        List<Error> errors = SchemaHolder.SCHEMA_INSTANCE.validate(text, InputFormat.JSON);
        if (!errors.isEmpty()) {
            StringBuilder b = new StringBuilder(file + ": does not follow schema/agentplan-test.schema.json:");
            for (Error e : errors.subList(0, Math.min(5, errors.size()))) {
                b.append("\n  at ").append(pointer(e)).append(": ").append(e.getMessage());
            }
            throw new TestFileException(b.toString());
        }
        Path plan = root.has("plan") ? file.resolveSibling(root.get("plan").asText()) : defaultPlan(file);
        List<TestCase> cases = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : root.get("cases")) {
            TestCase tc = testCase(file, c);
            if (!names.add(tc.name())) {
                throw new TestFileException(file + ": two cases are named '" + tc.name() + "'");
            }
            cases.add(tc);
        }
        return new TestFile(file, plan, List.copyOf(cases));
    }

    private static String pointer(Error e) {
        String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        return at.isEmpty() ? "/" : at;
    }

    private static Path defaultPlan(Path file) {
        String name = file.getFileName().toString();
        String base = name.substring(0, name.length() - SUFFIX.length());
        Path agent = file.resolveSibling(base + ".agent");
        Path json = file.resolveSibling(base + ".json");
        return Files.exists(agent) || !Files.exists(json) ? agent : json;
    }

    private static TestCase testCase(Path file, JsonNode c) {
        String name = c.get("name").asText();
        String where = file + ": case '" + name + "'";
        List<TestCase.ToolScript> tools = new ArrayList<>();
        int index = 0;
        for (JsonNode t : c.path("tools")) {
            index++;
            tools.add(toolScript(where + ", tools[" + (index - 1) + "]", index, t));
        }
        List<TestCase.ApprovalScript> approvals = new ArrayList<>();
        for (JsonNode a : c.path("approvals")) {
            approvals.add(new TestCase.ApprovalScript(a.get("gate").asText(), a.get("approve").asBoolean(),
                    text(a, "by"), text(a, "comment"), duration(a, "after", Duration.ZERO)));
        }
        List<TestCase.SignalScript> signals = new ArrayList<>();
        for (JsonNode s : c.path("signals")) {
            if (s.has("at") && s.has("after")) {
                throw new TestFileException(where + ": signal '" + s.get("name").asText()
                        + "' has both 'at' and 'after'; give one");
            }
            boolean update = s.path("update").asBoolean(false);
            if (update && s.has("after")) {
                throw new TestFileException(where + ": update '" + s.get("name").asText()
                        + "' has 'after', but a run never waits for an update; give 'at'");
            }
            if (s.has("after_calls") && s.has("after")) {
                throw new TestFileException(where + ": signal '" + s.get("name").asText()
                        + "' has both 'after_calls' and 'after'; 'after_calls' goes with 'at'");
            }
            signals.add(new TestCase.SignalScript(s.get("name").asText(),
                    s.has("payload") ? s.get("payload") : NullNode.getInstance(),
                    s.has("after") ? null : duration(s, "at", Duration.ZERO), duration(s, "after", null), update,
                    s.has("after_calls") ? s.get("after_calls").asInt() : null));
        }
        return new TestCase(name, c.has("inputs") ? c.get("inputs") : JSON.createObjectNode(), List.copyOf(tools),
                List.copyOf(approvals), List.copyOf(signals), expect(c.path("expect")));
    }

    private static TestCase.ToolScript toolScript(String where, int index, JsonNode t) {
        List<TestCase.Attempt> attempts = new ArrayList<>();
        if (t.has("attempts")) {
            if (t.has("result") || t.has("error") || t.has("fail_times")) {
                throw new TestFileException(where + ": 'attempts' excludes 'result', 'error' and 'fail_times'");
            }
            for (JsonNode a : t.get("attempts")) {
                attempts.add(attempt(a, duration(a, "delay", duration(t, "delay", null))));
            }
        } else if (t.has("fail_times")) {
            TestCase.ScriptedError error = t.has("error") ? error(t.get("error"))
                    : new TestCase.ScriptedError("ToolError", "scripted failure", true, null);
            Duration delay = duration(t, "delay", null);
            for (int i = 0; i < t.get("fail_times").asInt(); i++) {
                attempts.add(new TestCase.Attempt(null, 0, error, delay));
            }
            attempts.add(new TestCase.Attempt(t.has("result") ? t.get("result") : NullNode.getInstance(),
                    t.path("cost").asDouble(0), null, delay));
        } else {
            if (t.has("result") && t.has("error")) {
                throw new TestFileException(where + ": 'result' and 'error' exclude each other (use 'fail_times' or 'attempts')");
            }
            attempts.add(attempt(t, duration(t, "delay", null)));
        }
        return new TestCase.ToolScript(index, text(t, "tool"), text(t, "step"),
                t.has("line") ? t.get("line").asInt() : null, t.has("call") ? t.get("call").asInt() : null,
                t.get("args"), List.copyOf(attempts));
    }

    private static TestCase.Attempt attempt(JsonNode a, Duration delay) {
        return new TestCase.Attempt(a.has("error") ? null : a.has("result") ? a.get("result") : NullNode.getInstance(),
                a.path("cost").asDouble(0), a.has("error") ? error(a.get("error")) : null, delay);
    }

    private static TestCase.ScriptedError error(JsonNode e) {
        String type = e.get("type").asText();
        return new TestCase.ScriptedError(type, e.has("message") ? e.get("message").asText() : "scripted " + type,
                e.path("retryable").asBoolean(true), e.get("details"));
    }

    private static TestCase.Expect expect(JsonNode e) {
        TestCase.ExpectedError error = null;
        if (e.has("error")) {
            JsonNode x = e.get("error");
            error = new TestCase.ExpectedError(text(x, "type"), text(x, "step"),
                    x.has("line") ? x.get("line").asInt() : null, x.get("message"));
        }
        List<TestCase.ExpectedCall> calls = null;
        if (e.has("calls")) {
            calls = new ArrayList<>();
            for (JsonNode c : e.get("calls")) {
                calls.add(new TestCase.ExpectedCall(c.get("tool").asText(), c.get("args"), text(c, "step")));
            }
            calls = List.copyOf(calls);
        }
        String state = text(e, "state");
        if (state == null) {
            state = error != null ? "FAILED" : "COMPLETED";
        }
        JsonNode budget = e.path("budget");
        return new TestCase.Expect(state, e.get("output"), error, calls, e.path("calls_in_any_order").asBoolean(false),
                budget.has("tool_calls") ? budget.get("tool_calls").asLong() : null,
                budget.has("steps") ? budget.get("steps").asLong() : null,
                budget.has("cost") ? new BigDecimal(budget.get("cost").asText()) : null);
    }

    private static String text(JsonNode n, String field) {
        return n.has(field) && !n.get(field).isNull() ? n.get(field).asText() : null;
    }

    static Duration duration(JsonNode n, String field, Duration otherwise) {
        return n.has(field) ? parseDuration(n.get(field).asText()) : otherwise;
    }

    static Duration parseDuration(String text) {
        DurationText.Parsed parsed = DurationText.parse(text);
        if (!parsed.ok()) {
            throw new TestFileException(parsed.error());
        }
        return parsed.duration();
    }
}
