package dev.agentplan.syntax;

import dev.agentplan.syntax.generated.AgentLexer;
import dev.agentplan.syntax.generated.AgentParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
final class TextParser {

    static final int MAX_NESTING = 200;

    final Spans spans;
    final DiagnosticSink sink;
    final CommonTokenStream tokens;
    private final AgentParser parser;
    private boolean unclosedStringAtEnd;

    private TextParser(String text, Spans spans, DiagnosticSink sink) {
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

    /** Lexes {@code text}; returns null (with diagnostics) when it cannot be parsed safely. */
    static TextParser open(String text, Spans spans, DiagnosticSink sink) {
        TextParser p = new TextParser(text, spans, sink);
        p.tokens.fill();
        return p.checkTokens() ? p : null;
    }

    /** Parses with {@code rule}; null when the parse had syntax errors (they are in the sink). */
    <T extends ParserRuleContext> T parse(Function<AgentParser, T> rule) {
        int errorsBefore = sink.errorCount();
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
        return sink.errorCount() == errorsBefore ? tree : null;
    }

    boolean unclosedStringReported() {
        return unclosedStringAtEnd;
    }

    /** Reports bad characters, unclosed strings at the end and too deep nesting; false stops the read. */
    private boolean checkTokens() {
        List<Token> all = tokens.getTokens();
        Deque<Token> openStrings = new ArrayDeque<>();
        int depth = 0;
        int unaryRun = 0;
        Token previousBad = null;
        for (Token t : all) {
            if (t.getChannel() == AgentLexer.ERRORS) {
                if (previousBad == null || previousBad.getTokenIndex() != t.getTokenIndex() - 1) {
                    sink.error(SyntaxCodes.BAD_CHARACTER, spans.of(t), "unexpected character " + shown(t.getText()),
                            "remove it; strings go in double quotes \"…\" and comments start with #");
                }
                previousBad = t;
                continue;
            }
            switch (t.getType()) {
                case AgentLexer.DQUOTE -> openStrings.push(t);
                case AgentLexer.STR_END, AgentLexer.STR_UNTERMINATED -> openStrings.poll();
                default -> {
                }
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
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
        if (!openStrings.isEmpty() || unclosedStringAtEnd) {
            Token start = openStrings.isEmpty() ? all.get(all.size() - 1) : openStrings.getLast();
            sink.error(SyntaxCodes.UNCLOSED_STRING, spans.of(start), "string is not closed before the end of the file",
                    "add the closing \"");
            unclosedStringAtEnd = true;
        }
        return true;
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
