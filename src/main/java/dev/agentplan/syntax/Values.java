package dev.agentplan.syntax;

import dev.agentplan.model.DurationText;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.syntax.generated.AgentParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.antlr.v4.runtime.Token;

/**
 * Option values only the text can check: durations with units, whole counts, plain strings.
 * Each problem is reported once, and the value is then null so the model can still be built.
 */
final class Values {

    private final Spans spans;
    private final DiagnosticSink sink;
    private final ExprBuilder exprs;

    Values(Spans spans, DiagnosticSink sink, ExprBuilder exprs) {
        this.spans = spans;
        this.sink = sink;
        this.exprs = exprs;
    }

    Duration duration(AgentParser.DurationContext ctx) {
        SourceSpan span = spans.of(ctx);
        if (ctx.NUMBER() != null) {
            String n = ctx.NUMBER().getText();
            sink.error(SyntaxCodes.BAD_DURATION, span, "a duration needs a unit, like 30s, 5m or 2h",
                    "write `" + n + "s` for " + n + " seconds; the units are ms, s, m, h and d");
            return null;
        }
        if (ctx.BAD_NUMBER() != null) {
            String text = ctx.BAD_NUMBER().getText();
            String hint = text.matches("[0-9]+\\.[0-9]+[a-z]+")
                    ? "durations use whole numbers: write 1m30s instead of 1.5m, 1s500ms instead of 1.5s"
                    : "write a whole number with a unit (ms, s, m, h or d), like 30s or 1h30m";
            sink.error(SyntaxCodes.BAD_DURATION, span, "`" + text + "` is not a duration", hint);
            return null;
        }
        Duration d = DurationText.parse(ctx.DURATION().getText()).duration();
        if (d == null) {
            sink.error(SyntaxCodes.DURATION_TOO_LONG, span, "this duration is too long",
                    "durations must be shorter than about 290 million years; use a smaller one");
        }
        return d;
    }

    /** A count that must be a whole number ({@code what} names it, like "`attempts`"). */
    Integer whole(Token number, String what) {
        SourceSpan span = spans.of(number);
        BigDecimal v = number.getText().length() > 40 ? null : ExprBuilder.parseDecimal(number.getText());
        if (v != null && v.stripTrailingZeros().scale() > 0) {
            sink.error(SyntaxCodes.NOT_WHOLE, span, what + " must be a whole number, not " + number.getText(),
                    "write a whole number, like " + v.setScale(0, RoundingMode.DOWN).max(BigDecimal.ONE));
            return null;
        }
        try {
            if (v == null) {
                throw new ArithmeticException();
            }
            return v.intValueExact();
        } catch (ArithmeticException tooLarge) {
            sink.error(SyntaxCodes.BAD_NUMBER, span, what + " is too large: " + shortText(number.getText()),
                    "use a number below " + Integer.MAX_VALUE);
            return null;
        }
    }

    /** A decimal such as a cost, normalised like number literals (1.50 and 1.5 are equal). */
    BigDecimal decimal(Token number) {
        return exprs.number(number).value();
    }

    /** A percentage such as {@code jitter 20%}: the number before the sign (the validator checks its range). */
    Double percent(Token number, String what) {
        return exprs.number(number).value().doubleValue();
    }

    Double coefficient(Token number) {
        return exprs.number(number).value().doubleValue();
    }

    String plain(AgentParser.StringContext ctx, String what) {
        return exprs.plainString(ctx, what);
    }

    private static String shortText(String s) {
        return s.length() > 20 ? s.substring(0, 17) + "…" : s;
    }
}
