package dev.agentplan.syntax;

import dev.agentplan.syntax.generated.AgentLexer;
import dev.agentplan.syntax.generated.AgentParser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Lexes and parses one text with errors reported in the user's words. Before parsing, the token
 * stream is checked for what would make the recursive-descent parser itself fail: bracket nesting
 * and operator runs deeper than {@link #MAX_NESTING}. Parsing is two-stage: the fast SLL mode
 * first, the full LL mode with error recovery only when SLL fails.
 */
final class TextParsing {

    static final int MAX_NESTING = 200;

    final Spans spans;
    final DiagnosticSink sink;
    final CommonTokenStream tokens;
    private final AgentParser parser;
    private boolean unclosedStringAtEnd;
    private int syntaxErrors;
    /** Tokens right after a reported bad character or unclosed string: errors there are consequences. */
    private final Set<Integer> quiet = new HashSet<>();

    /** "file" for a plan, "text" for an expression: how messages name the end of the input. */
    private final String unit;

    private TextParsing(String text, Spans spans, DiagnosticSink sink, String unit) {
        this.unit = unit;
        this.spans = spans;
        this.sink = sink;
        AgentLexer lexer = new AgentLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object symbol, int line, int col, String msg,
                                    RecognitionException e) {
                // The only text the lexer cannot match is a backslash at the very end inside a string.
                unclosedStringAtEnd = true;
            }
        });
        this.tokens = new CommonTokenStream(lexer);
        this.parser = new AgentParser(tokens);
        parser.removeErrorListeners();
    }

    /** Lexes a plan file; returns null (with diagnostics) when it cannot be parsed safely. */
    static TextParsing openFile(String text, Spans spans, DiagnosticSink sink) {
        return open(text, spans, sink, "file");
    }

    /** Lexes expression text; returns null (with diagnostics) when it cannot be parsed safely. */
    static TextParsing openExpression(String text, Spans spans, DiagnosticSink sink) {
        return open(text, spans, sink, "text");
    }

    private static TextParsing open(String text, Spans spans, DiagnosticSink sink, String unit) {
        TextParsing p = new TextParsing(text, spans, sink, unit);
        p.tokens.fill();
        return p.checkTokens() ? p : null;
    }

    /** Parses with {@code rule}; the tree has error holes when {@link #hadSyntaxErrors()}. */
    <T extends ParserRuleContext> T parse(Function<AgentParser, T> rule) {
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        T tree;
        try {
            tree = rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new UserErrorStrategy(this));
            tree = rule.apply(parser);
        }
        return tree;
    }

    /** Whether the parse met a syntax error (reported or quieted as a consequence of another). */
    boolean hadSyntaxErrors() {
        return parser.getNumberOfSyntaxErrors() > 0 || syntaxErrors > 0;
    }

    void countSyntaxError() {
        syntaxErrors++;
    }

    boolean unclosedStringReported() {
        return unclosedStringAtEnd;
    }

    boolean isQuiet(Token t) {
        return quiet.contains(t.getTokenIndex());
    }

    /** Reports bad characters, unclosed strings and too deep nesting; false stops the read. */
    private boolean checkTokens() {
        List<Token> all = tokens.getTokens();
        StringNesting strings = new StringNesting();
        int depth = 0;
        int unaryRun = 0;
        Token previousBad = null;
        boolean quietNext = false;
        for (Token t : all) {
            if (t.getType() == AgentLexer.STR_UNTERMINATED || t.getType() == AgentLexer.INTERP_UNTERMINATED) {
                StringNesting.Abandoned nest = strings.abandon();
                reportUnclosed(nest == null ? t : nest.culprit(), "line");
                quietFrom(nest == null ? t : nest.start(), t);
                quietNext = true;
                continue;
            }
            if (t.getChannel() == AgentLexer.ERRORS) {
                if (previousBad == null || previousBad.getTokenIndex() != t.getTokenIndex() - 1) {
                    sink.error(SyntaxCodes.BAD_CHARACTER, spans.of(t), "unexpected character " + shown(t.getText()),
                            "remove it; strings go in double quotes \"…\" and comments start with #");
                }
                previousBad = t;
                quietNext = true;
                continue;
            }
            strings.see(t);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (quietNext) {
                quiet.add(t.getTokenIndex());
                quietNext = false;
            }
            switch (t.getType()) {
                case AgentLexer.LPAREN, AgentLexer.LBRACK, AgentLexer.LBRACE, AgentLexer.INTERP_OPEN -> depth++;
                case AgentLexer.RPAREN, AgentLexer.RBRACK, AgentLexer.RBRACE -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            unaryRun = t.getType() == AgentLexer.NOT || t.getType() == AgentLexer.MINUS ? unaryRun + 1 : 0;
            if (depth > MAX_NESTING || unaryRun > MAX_NESTING) {
                sink.error(SyntaxCodes.TOO_DEEP, spans.of(t), depth > MAX_NESTING
                                ? "brackets are nested too deeply here (more than " + MAX_NESTING + " levels)"
                                : "too many `!` or `-` in a row (more than " + MAX_NESTING + ")",
                        "split the plan into smaller parts; deep nesting is almost always a mistake");
                return false;
            }
        }
        if (strings.isOpen() || unclosedStringAtEnd) {
            StringNesting.Abandoned nest = strings.abandon();
            reportUnclosed(nest != null ? nest.culprit() : all.get(all.size() - 1), unit);
            unclosedStringAtEnd = true;
        }
        return true;
    }

    /** Parser errors from {@code start} to {@code end} are consequences of an unclosed string. */
    private void quietFrom(Token start, Token end) {
        for (int i = start.getTokenIndex(); i <= end.getTokenIndex(); i++) {
            quiet.add(i);
        }
    }

    /** {@code culprit} is the opening quote of the string or the {@code ${} of the interpolation left open. */
    private void reportUnclosed(Token culprit, String lineOrFile) {
        if (culprit != null && culprit.getType() == AgentLexer.INTERP_OPEN) {
            sink.error(SyntaxCodes.UNCLOSED, spans.of(culprit),
                    "the `${` interpolation is not closed before the end of the " + lineOrFile,
                    "close it with }, or write \\${ for a literal ${");
        } else {
            sink.error(SyntaxCodes.UNCLOSED_STRING, spans.of(culprit),
                    "string is not closed before the end of the " + lineOrFile,
                    "line".equals(lineOrFile)
                            ? "add the closing \" on the same line; write \\n for a line break inside a string"
                            : "add the closing \"");
        }
    }

    /** A character as the user can read it: printable ones in backticks, others as U+XXXX. */
    static String shown(String text) {
        int cp = text.codePointAt(0);
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)
                || Character.getType(cp) == Character.FORMAT || Character.isSurrogate((char) cp)) {
            return String.format("U+%04X", cp);
        }
        return "`" + new String(Character.toChars(cp)) + "`";
    }
}
