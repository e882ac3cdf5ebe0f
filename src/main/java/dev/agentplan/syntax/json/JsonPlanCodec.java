package dev.agentplan.syntax.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.syntax.ParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON form of plans. {@link #encode} writes the canonical text (fixed key order, 2-space
 * indentation, no nulls or defaults, trailing newline), so {@code encode(decode(encode(m)))}
 * equals {@code encode(m)} byte for byte. {@link #decode} reads JSON text into the model with a
 * span (file, line:col, JSON pointer) on every node; every problem is a diagnostic, never an
 * exception.
 */
public final class JsonPlanCodec {

    /** Longest JSON text decode accepts, in chars. */
    public static final int MAX_CHARS = 8 * 1024 * 1024;

    private JsonPlanCodec() {
    }

    /**
     * The canonical JSON text of a plan.
     *
     * @throws IllegalArgumentException for the one model JSON cannot hold: a tool named {@code defaults}
     */
    public static String encode(AgentDefinition definition) {
        return CanonicalJsonPrinter.print(PlanJsonEncoder.agent(definition));
    }

    /**
     * Reads a plan from JSON text: syntax (AP04x), then the schema and structure (AP05x), then the
     * expressions inside strings. The definition is null whenever there is an error.
     */
    public static ParseResult decode(String fileName, String jsonText) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String file = fileName == null ? "" : fileName;
        if (jsonText == null) {
            jsonText = "";
        }
        if (jsonText.length() > MAX_CHARS) {
            diagnostics.add(Diagnostic.error(JsonCodes.LIMIT, "the plan is larger than " + MAX_CHARS / (1024 * 1024)
                    + " MB", new SourceSpan(file, 1, 1, 1, 1, ""), "plans are small documents; check the file"));
            return new ParseResult(null, diagnostics);
        }
        String text = jsonText.startsWith("\uFEFF") ? jsonText.substring(1) : jsonText;
        LocatedJsonReader.Result read = LocatedJsonReader.read(file, text, diagnostics);
        if (read.root() == null) {
            return new ParseResult(null, diagnostics);
        }
        List<Diagnostic> schemaErrors = validate(text, read.root(), read.locations());
        PlanJsonDecoder decoder = new PlanJsonDecoder(text, read.locations());
        AgentDefinition definition = decode(decoder, read.root(), read.locations());
        diagnostics.addAll(schemaErrors);
        if (schemaErrors.isEmpty()) {
            diagnostics.addAll(decoder.structure);
        }
        diagnostics.addAll(decoder.content);
        diagnostics.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        boolean failed = definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(failed ? null : definition, diagnostics);
    }

    /**
     * Reads canonical JSON that a {@link #decode} already accepted (a pinned or stored version):
     * the same mapping and expression parsing, but no JSON Schema check, which is the costly part
     * and cannot find anything in text the full decode passed. The definition equals the one
     * {@link #decode} builds from the same text; errors (a hand-edited or corrupt text) still come
     * back as diagnostics.
     */
    public static ParseResult decodeTrusted(String fileName, String canonicalJson) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String file = fileName == null ? "" : fileName;
        String text = canonicalJson == null ? "" : canonicalJson;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        LocatedJsonReader.Result read = LocatedJsonReader.read(file, text, diagnostics);
        if (read.root() == null) {
            return new ParseResult(null, diagnostics);
        }
        PlanJsonDecoder decoder = new PlanJsonDecoder(text, read.locations());
        AgentDefinition definition = decode(decoder, read.root(), read.locations());
        diagnostics.addAll(decoder.structure);
        diagnostics.addAll(decoder.content);
        boolean failed = definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(failed ? null : definition, diagnostics);
    }

    private static List<Diagnostic> validate(String text, JsonNode root, JsonLocations locations) {
        try {
            PlanSchema schema = PlanSchema.get();
            return new SchemaMessages(schema.tree(), root, locations).diagnostics(schema.check(text));
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(internal("the plan could not be checked against its schema", locations));
        }
    }

    private static AgentDefinition decode(PlanJsonDecoder decoder, JsonNode root, JsonLocations locations) {
        try {
            return decoder.agent(root);
        } catch (RuntimeException | StackOverflowError e) {
            decoder.content.add(internal("the plan could not be read (" + e.getClass().getSimpleName() + ")",
                    locations));
            return null;
        }
    }

    private static Diagnostic internal(String message, JsonLocations locations) {
        return Diagnostic.error(JsonCodes.STRUCTURE, message, locations.span(""),
                "this is a bug in agentplan; please report it with the plan file");
    }
}
