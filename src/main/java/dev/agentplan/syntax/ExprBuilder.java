package dev.agentplan.syntax;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Expr.BinaryOp;
import dev.agentplan.model.Expr.PathSegment;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.syntax.generated.AgentParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds model expressions from expression parse trees, in the canonical shape both plan forms
 * share: {@code -5} is a negative number literal, {@code a["b"]} is the field {@code b}, and string
 * interpolations are flattened into one template (a string that is exactly one {@code ${e}} is
 * {@code e}). Operator chains are walked without recursion so long chains cannot overflow the stack.
 */
final class ExprBuilder {

    /** Deepest expression tree accepted: the interpreter and printers recurse over expressions. */
    static final int MAX_DEPTH = 400;
    private static final int MAX_NUMBER_LENGTH = 400;

    private final Spans spans;
    private final DiagnosticSink sink;

    ExprBuilder(Spans spans, DiagnosticSink sink) {
        this.spans = spans;
        this.sink = sink;
    }

    /** A whole expression, checked against {@link #MAX_DEPTH}. */
    Expr top(AgentParser.ExprContext ctx) {
        Expr e = expr(ctx);
        if (ExprDepth.exceeds(e, MAX_DEPTH)) {
            sink.error(SyntaxCodes.TOO_DEEP, spans.of(ctx),
                    "this expression is nested too deeply (more than " + MAX_DEPTH + " levels)",
                    "split it into smaller expressions with `set` steps");
        }
        return e;
    }

    Expr expr(AgentParser.ExprContext ctx) {
        if (ctx instanceof AgentParser.PrimaryExprContext p) {
            return primary(p.primary());
        }
        if (ctx instanceof AgentParser.UnaryExprContext) {
            return unaryChain(ctx);
        }
        return binaryChain(ctx);
    }

    private Expr unaryChain(AgentParser.ExprContext ctx) {
        List<AgentParser.UnaryExprContext> chain = new ArrayList<>();
        AgentParser.ExprContext cur = ctx;
        while (cur instanceof AgentParser.UnaryExprContext u) {
            chain.add(u);
            cur = u.expr();
        }
        Expr e = expr(cur);
        for (int i = chain.size() - 1; i >= 0; i--) {
            AgentParser.UnaryExprContext u = chain.get(i);
            SourceSpan span = spans.of(u);
            if (u.op.getType() == AgentParser.MINUS && e instanceof Expr.NumberLiteral n) {
                e = new Expr.NumberLiteral(n.value().negate(), span);
            } else {
                e = new Expr.UnaryExpr(u.op.getType() == AgentParser.MINUS ? Expr.UnaryOp.NEGATE : Expr.UnaryOp.NOT,
                        e, span);
            }
        }
        return e;
    }

    /** Folds the left spine of binary operators iteratively; right operands bind tighter and are short. */
    private Expr binaryChain(AgentParser.ExprContext ctx) {
        List<AgentParser.ExprContext> spine = new ArrayList<>();
        AgentParser.ExprContext cur = ctx;
        while (isBinary(cur)) {
            spine.add(cur);
            cur = cur.getRuleContext(AgentParser.ExprContext.class, 0);
        }
        if (spine.isEmpty()) {
            throw new IllegalStateException("incomplete expression in an error tree");
        }
        Expr left = expr(cur);
        for (int i = spine.size() - 1; i >= 0; i--) {
            AgentParser.ExprContext b = spine.get(i);
            Token op = operator(b);
            Expr right = expr(b.getRuleContext(AgentParser.ExprContext.class, 1));
            left = new Expr.BinaryExpr(BinaryOp.fromSymbol(op.getText()), left, right, spans.of(b));
        }
        return left;
    }

    private static boolean isBinary(AgentParser.ExprContext ctx) {
        return ctx instanceof AgentParser.MulExprContext || ctx instanceof AgentParser.AddExprContext
                || ctx instanceof AgentParser.CompareExprContext || ctx instanceof AgentParser.EqualityExprContext
                || ctx instanceof AgentParser.AndExprContext || ctx instanceof AgentParser.OrExprContext;
    }

    private static Token operator(AgentParser.ExprContext ctx) {
        if (ctx instanceof AgentParser.MulExprContext c) {
            return c.op;
        } else if (ctx instanceof AgentParser.AddExprContext c) {
            return c.op;
        } else if (ctx instanceof AgentParser.CompareExprContext c) {
            return c.op;
        } else if (ctx instanceof AgentParser.EqualityExprContext c) {
            return c.op;
        } else if (ctx instanceof AgentParser.AndExprContext c) {
            return c.op;
        }
        return ((AgentParser.OrExprContext) ctx).op;
    }

    Expr primary(AgentParser.PrimaryContext ctx) {
        SourceSpan span = spans.of(ctx);
        if (ctx instanceof AgentParser.ParenExprContext p) {
            return expr(p.expr());
        } else if (ctx instanceof AgentParser.StringExprContext s) {
            return string(s.string());
        } else if (ctx instanceof AgentParser.NumberExprContext n) {
            return number(n.NUMBER().getSymbol());
        } else if (ctx instanceof AgentParser.BooleanExprContext b) {
            return new Expr.BooleanLiteral(b.TRUE() != null, span);
        } else if (ctx instanceof AgentParser.NullExprContext) {
            return new Expr.NullLiteral(span);
        } else if (ctx instanceof AgentParser.ListExprContext l) {
            List<Expr> items = new ArrayList<>();
            for (AgentParser.ExprContext item : l.expr()) {
                items.add(expr(item));
            }
            return new Expr.ListExpr(items, span);
        } else if (ctx instanceof AgentParser.ObjectExprContext o) {
            return object(o, span);
        } else if (ctx instanceof AgentParser.FunctionCallExprContext f) {
            List<Expr> args = new ArrayList<>();
            for (AgentParser.ExprContext a : f.expr()) {
                args.add(expr(a));
            }
            return new Expr.FunctionCall(f.IDENT().getText(), args, span);
        } else if (ctx instanceof AgentParser.PathExprContext p) {
            return path(p, span);
        } else if (ctx instanceof AgentParser.BadNumberExprContext b) {
            String text = b.BAD_NUMBER().getText();
            sink.error(SyntaxCodes.BAD_NUMBER, span, "`" + text + "` is not a number",
                    "write digits only, like 12 or 2.5; text values go in quotes, like \"" + text + "\"");
            return new Expr.NullLiteral(span);
        } else if (ctx instanceof AgentParser.DurationValueExprContext d) {
            String text = d.DURATION().getText();
            sink.error(SyntaxCodes.DURATION_VALUE, span, "a duration like `" + text + "` is not a value",
                    "durations are only for options and `wait`; as a value write the text \"" + text
                            + "\" or a number of seconds");
            return new Expr.NullLiteral(span);
        }
        throw new IllegalStateException("unknown primary " + ctx.getClass().getSimpleName());
    }

    Expr.NumberLiteral number(Token token) {
        SourceSpan span = spans.of(token);
        String text = token.getText();
        BigDecimal value = text.length() > MAX_NUMBER_LENGTH ? null : parseDecimal(text);
        if (value == null) {
            sink.error(SyntaxCodes.BAD_NUMBER, span, "this number is too large or too precise",
                    "numbers may have at most " + MAX_NUMBER_LENGTH + " digits before and after the point");
            return new Expr.NumberLiteral(BigDecimal.ZERO, span);
        }
        return new Expr.NumberLiteral(value, span);
    }

    /** A decimal whose normalised form stays small (1e999999999 would expand to a billion digits). */
    static BigDecimal parseDecimal(String text) {
        try {
            BigDecimal v = new BigDecimal(text);
            int integerDigits = v.precision() - v.scale();
            if (integerDigits > MAX_NUMBER_LENGTH || v.scale() > MAX_NUMBER_LENGTH) {
                return v.signum() == 0 ? BigDecimal.ZERO : null;
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private Expr object(AgentParser.ObjectExprContext o, SourceSpan span) {
        Map<String, Expr> fields = new LinkedHashMap<>();
        for (AgentParser.ObjectFieldContext f : o.objectField()) {
            String key = f.key() != null ? f.key().getText() : plainString(f.string(), "an object key");
            if (fields.containsKey(key)) {
                sink.error(SyntaxCodes.DUPLICATE_KEY, spans.of(f), "the key `" + key + "` appears twice in this object",
                        "remove one of them");
            }
            fields.put(key, expr(f.expr()));
        }
        return new Expr.ObjectExpr(fields, span);
    }

    private Expr path(AgentParser.PathExprContext p, SourceSpan span) {
        List<PathSegment> segments = new ArrayList<>();
        for (AgentParser.PathSegmentContext s : p.pathSegment()) {
            if (s instanceof AgentParser.FieldSegmentContext f) {
                segments.add(new Expr.Field(f.key().getText()));
            } else {
                Expr index = expr(((AgentParser.IndexSegmentContext) s).expr());
                segments.add(index instanceof Expr.StringLiteral k ? new Expr.Field(k.value()) : new Expr.Index(index));
            }
        }
        return new Expr.PathExpr(p.pathRoot().getText(), segments, span);
    }

    /** A string literal or template; {@code "${e}"} alone is {@code e}. */
    Expr string(AgentParser.StringContext ctx) {
        Template t = new Template(spans.of(ctx));
        for (AgentParser.StringPartContext part : ctx.stringPart()) {
            if (part instanceof AgentParser.TextPartContext text) {
                t.text(unescape(text.STR_TEXT().getSymbol()));
            } else {
                t.expr(expr(((AgentParser.InterpolationPartContext) part).expr()));
            }
        }
        return t.build();
    }

    /**
     * The value of a string that must not contain interpolations (names, queues, descriptions);
     * reports one when it does. {@code what} names the position, like "a signal name".
     */
    String plainString(AgentParser.StringContext ctx, String what) {
        StringBuilder value = new StringBuilder();
        for (AgentParser.StringPartContext part : ctx.stringPart()) {
            if (part instanceof AgentParser.TextPartContext text) {
                value.append(unescape(text.STR_TEXT().getSymbol()));
            } else {
                sink.error(SyntaxCodes.NOT_PLAIN, spans.of(part), what + " must be plain text without ${…}",
                        "write the text itself; to keep a literal ${ write \\${");
            }
        }
        return value.toString();
    }


    private String unescape(Token token) {
        return StringEscapes.unescape(token.getText(), bad -> {
            String before = token.getText().substring(0, bad.offset());
            int line = token.getLine();
            int column = token.getCharPositionInLine() + 1 + before.codePointCount(0, before.length());
            sink.error(SyntaxCodes.BAD_ESCAPE, spans.at(line, column),
                    "unknown escape `" + bad.escape() + "` in a string",
                    "the escapes are \\\" \\\\ \\n \\t \\r \\$ and \\uXXXX; write \\\\ for a backslash");
        });
    }

    /** Accumulates template parts: adjacent text is merged, nested templates are flattened. */
    static final class Template {
        private final SourceSpan span;
        private final List<Expr> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Template(SourceSpan span) {
            this.span = span;
        }

        void text(String s) {
            text.append(s);
        }

        void expr(Expr e) {
            if (e instanceof Expr.StringLiteral s) {
                text(s.value());
            } else if (e instanceof Expr.TemplateExpr t) {
                for (Expr part : t.parts()) {
                    expr(part);
                }
            } else {
                flush();
                parts.add(e);
            }
        }

        private void flush() {
            if (text.length() > 0) {
                parts.add(new Expr.StringLiteral(text.toString(), span));
                text.setLength(0);
            }
        }

        Expr build() {
            if (parts.isEmpty()) {
                return new Expr.StringLiteral(text.toString(), span);
            }
            if (parts.size() == 1 && text.length() == 0) {
                return parts.get(0);
            }
            flush();
            return new Expr.TemplateExpr(parts, span);
        }
    }
}
