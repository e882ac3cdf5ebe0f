package dev.agentplan.syntax;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.syntax.generated.AgentParser;

/**
 * Reads {@code .agent} text into the model. Never throws: every problem, including input that is
 * binary, huge or absurdly nested, comes back as diagnostics in the {@link ParseResult}. When the
 * text has syntax errors the result has no definition; problems with single values (a duration
 * without a unit, say) still give a definition, with those values left unset.
 */
public final class PlanText {

    /** Largest plan accepted, in characters (and in bytes for {@link #parse(String, byte[])}). */
    public static final int MAX_SIZE = 4 * 1024 * 1024;

    private PlanText() {
    }

    public static ParseResult parse(String fileName, String text) {
        DiagnosticSink sink = new DiagnosticSink();
        Spans spans = Spans.forFile(fileName);
        if (text == null) {
            text = "";
        }
        if (text.length() > MAX_SIZE) {
            return tooLarge(sink, spans, text.length() + " characters");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int[] at = Positions.lineColumn(text, nul);
            sink.error(SyntaxCodes.INVALID_UTF8, spans.at(at[0], at[1]),
                    "this is a binary file, not a plan (it contains a NUL character)",
                    "plans are UTF-8 text files; check that this is the file you meant");
            return new ParseResult(null, sink.diagnostics());
        }
        AgentDefinition definition = null;
        PlanComments comments = PlanComments.NONE;
        try {
            TextParsing parser = TextParsing.openFile(text, spans, sink);
            if (parser != null) {
                AgentParser.AgentFileContext tree = parser.parse(AgentParser::agentFile);
                if (parser.hadSyntaxErrors()) {
                    checkValuesOnly(parser, tree);
                } else {
                    PlanBuilder builder = new PlanBuilder(parser);
                    definition = builder.build(tree);
                    comments = builder.comments();
                }
            }
        } catch (DiagnosticSink.TooManyErrors stopped) {
            definition = null;
        } catch (StackOverflowError deep) {
            definition = null;
            sink.error(SyntaxCodes.TOO_DEEP, spans.at(1, 1), "this plan is nested too deeply to read",
                    "flatten deeply nested blocks and expressions");
        }
        if (sink.hasUnsafeInput()) {
            definition = null;
        }
        return new ParseResult(definition, sink.diagnostics(), comments);
    }

    /**
     * With syntax errors there is no model, but the parts that did parse may still hold value
     * errors (a duration without a unit, say): report them too, so one run shows every error. The
     * tree has holes where the errors were, so the first hole ends this best-effort pass.
     */
    private static void checkValuesOnly(TextParsing parser, AgentParser.AgentFileContext tree) {
        try {
            new PlanBuilder(parser).build(tree);
        } catch (RuntimeException | StackOverflowError hole) {
            // Expected on an error tree: the diagnostics reported so far stand.
        }
    }

    /** Reads a file's bytes, which must be UTF-8 (a leading byte order mark is allowed). */
    public static ParseResult parse(String fileName, byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            return tooLarge(new DiagnosticSink(), Spans.forFile(fileName), bytes.length + " bytes");
        }
        Utf8Text.Decoded decoded = Utf8Text.decode(bytes);
        if (!decoded.ok()) {
            DiagnosticSink sink = new DiagnosticSink();
            sink.error(SyntaxCodes.INVALID_UTF8, Spans.forFile(fileName).at(decoded.line(), decoded.column()),
                    decoded.problem(), Utf8Text.HINT);
            return new ParseResult(null, sink.diagnostics());
        }
        return parse(fileName, decoded.text());
    }

    private static ParseResult tooLarge(DiagnosticSink sink, Spans spans, String size) {
        sink.error(SyntaxCodes.TOO_LARGE, spans.at(1, 1),
                "this file is too large for a plan (" + size + "; the limit is " + MAX_SIZE / (1024 * 1024) + " MiB)",
                "split it into smaller plans and call them with `run`");
        return new ParseResult(null, sink.diagnostics());
    }
}
