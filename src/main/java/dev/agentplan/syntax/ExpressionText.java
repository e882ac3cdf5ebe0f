package dev.agentplan.syntax;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.syntax.generated.AgentLexer;
import dev.agentplan.syntax.generated.AgentParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Expressions as text, for the JSON form of plans: expression positions hold expression source
 * ({@code "evidence.body.severity == \"high\""}) and value positions hold template strings
 * ({@code "Incident ${input.alert_id}"}). Parsing here builds exactly the model the {@code .agent}
 * reader builds for the same expression, so both forms of a plan compare equal.
 */
public final class ExpressionText {

    /** Longest expression or template text accepted (far beyond any real plan). */
    static final int MAX_LENGTH = 1_000_000;

    private ExpressionText() {
    }

    /**
     * Parses one expression, like {@code evidence.body.items[0].url == "x"}.
     *
     * @param origin where the text starts in its file (line, column of its first character, JSON
     *               pointer); node spans are offset from it. {@link SourceSpan#NONE} counts from 1:1.
     * @throws ExpressionSyntaxException when the text is not one well-formed expression
     */
    public static Expr parse(String text, SourceSpan origin) {
        Spans spans = Spans.from(origin);
        DiagnosticSink sink = new DiagnosticSink();
        Expr e = parse(text, spans, sink);
        throwFirst(sink, Spans.from(origin));
        return e;
    }

    /**
     * Parses the content of a JSON-form string value: text with {@code ${expr}} interpolations,
     * where {@code \${} is a literal {@code ${} and {@code \\} a literal backslash (any other
     * backslash is itself). Returns a {@link Expr.StringLiteral} without interpolations, the
     * expression itself when the whole string is exactly one {@code ${expr}}, and a
     * {@link Expr.TemplateExpr} otherwise.
     *
     * @throws ExpressionSyntaxException when an interpolation is not closed or not an expression
     */
    public static Expr parseTemplate(String templateText, SourceSpan origin) {
        Spans spans = Spans.from(origin);
        DiagnosticSink sink = new DiagnosticSink();
        if (templateText.length() > MAX_LENGTH) {
            tooLong(spans, sink);
        } else {
            Expr e = template(templateText, spans, sink);
            if (!sink.hasErrors()) {
                return e;
            }
        }
        throwFirst(sink, spans);
        throw new IllegalStateException("unreachable");
    }

    /** Canonical source of an expression: {@code print(parse(print(e)))} equals {@code print(e)}. */
    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        ExpressionPrinter.print(e, out);
        return out.toString();
    }

    /** The JSON string content for a value: the inverse of {@link #parseTemplate}. */
    public static String printTemplate(Expr e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof Expr.StringLiteral s) {
            TemplateEscapes.escape(s.value(), false, out);
        } else if (e instanceof Expr.TemplateExpr t) {
            for (int i = 0; i < t.parts().size(); i++) {
                Expr part = t.parts().get(i);
                if (part instanceof Expr.StringLiteral s) {
                    boolean interpolationNext = i + 1 < t.parts().size();
                    TemplateEscapes.escape(s.value(), interpolationNext, out);
                } else {
                    out.append("${");
                    ExpressionPrinter.print(part, out);
                    out.append('}');
                }
            }
        } else {
            out.append("${");
            ExpressionPrinter.print(e, out);
            out.append('}');
        }
        return out.toString();
    }

    static Expr parse(String text, Spans spans, DiagnosticSink sink) {
        if (text.length() > MAX_LENGTH) {
            tooLong(spans, sink);
            return null;
        }
        try {
            TextParsing parser = TextParsing.openExpression(text, spans, sink);
            if (parser == null) {
                return null;
            }
            AgentParser.ExpressionOnlyContext tree = parser.parse(AgentParser::expressionOnly);
            if (parser.hadSyntaxErrors() || sink.hasErrors()) {
                return null;
            }
            return new ExprBuilder(spans, sink).top(tree.expr());
        } catch (DiagnosticSink.TooManyErrors stop) {
            return null;
        } catch (StackOverflowError deep) {
            sink.error(SyntaxCodes.TOO_DEEP, spans.at(1, 1), "this expression is nested too deeply to read",
                    "split it into smaller expressions");
            return null;
        }
    }

    private static void tooLong(Spans spans, DiagnosticSink sink) {
        sink.error(SyntaxCodes.TOO_LARGE, spans.at(1, 1),
                "this text is too long for an expression (more than " + MAX_LENGTH + " characters)",
                "shorten it; large data belongs in inputs or tool results");
    }

    private static Expr template(String text, Spans spans, DiagnosticSink sink) {
        ExprBuilder.Template t = new ExprBuilder.Template(spans.at(1, 1));
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("\\\\", i)) {
                literal.append('\\');
                i += 2;
            } else if (c == '\\' && text.startsWith("\\${", i)) {
                literal.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int start = i + 2;
                int end = interpolationEnd(text, start);
                int[] at = Positions.lineColumn(text, start);
                if (end < 0) {
                    int[] open = Positions.lineColumn(text, i);
                    sink.error(SyntaxCodes.UNCLOSED, spans.at(open[0], open[1]),
                            "the `${` interpolation is not closed; expected `}`",
                            "close it with }, or write \\${ for a literal ${");
                    return null;
                }
                Expr e = parse(text.substring(start, end), spans.within(at[0], at[1]), sink);
                if (e == null) {
                    return null;
                }
                t.text(literal.toString());
                literal.setLength(0);
                t.expr(e);
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        t.text(literal.toString());
        return t.build();
    }

    /** The index of the `}` that closes an interpolation whose expression starts at {@code from}, or -1. */
    private static int interpolationEnd(String text, int from) {
        String rest = text.substring(from);
        AgentLexer lexer = new AgentLexer(CharStreams.fromString(rest));
        lexer.removeErrorListeners();
        int depth = 0;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            switch (t.getType()) {
                case AgentLexer.LBRACE, AgentLexer.INTERP_OPEN -> depth++;
                case AgentLexer.RBRACE -> {
                    if (depth == 0) {
                        return from + rest.offsetByCodePoints(0, t.getStartIndex());
                    }
                    depth--;
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static void throwFirst(DiagnosticSink sink, Spans base) {
        for (Diagnostic d : sink.diagnostics()) {
            if (d.isError()) {
                SourceSpan s = d.span();
                int line = s.line() - base.originLine() + 1;
                int column = line == 1 ? s.column() - base.originColumn() + 1 : s.column();
                throw new ExpressionSyntaxException(d.code(), d.message(), d.hint(), line, column, s);
            }
        }
    }
}
