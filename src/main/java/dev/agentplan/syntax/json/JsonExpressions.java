package dev.agentplan.syntax.json;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Expr;
import dev.agentplan.syntax.ExpressionSyntaxException;
import dev.agentplan.syntax.ExpressionText;
import java.util.List;

/**
 * The JSON form's one door to expression text ({@link ExpressionText}): parses expression and
 * template strings with spans mapped to the file through {@link StringColumns} (escapes in the
 * JSON string shift columns), turns syntax errors into diagnostics, and prints expressions back.
 */
final class JsonExpressions {

    private final List<Diagnostic> sink;

    JsonExpressions(List<Diagnostic> sink) {
        this.sink = sink;
    }

    /** Expression source text; null (with a diagnostic) when it does not parse. */
    Expr expression(String text, StringColumns at) {
        try {
            return ExprSpans.map(ExpressionText.parse(text, at.origin()), at.whole(), at::toFile);
        } catch (ExpressionSyntaxException e) {
            report(e, at);
        } catch (RuntimeException | StackOverflowError e) {
            sink.add(Diagnostic.error(JsonCodes.EXPRESSION, "this expression could not be read", at.toFile(null),
                    "simplify it"));
        }
        return null;
    }

    /** Template text (a value-position string); null (with a diagnostic) when an interpolation does not parse. */
    Expr template(String text, StringColumns at) {
        try {
            return ExprSpans.map(ExpressionText.parseTemplate(text, at.origin()), at.whole(), at::toFile);
        } catch (ExpressionSyntaxException e) {
            report(e, at);
        } catch (RuntimeException | StackOverflowError e) {
            sink.add(Diagnostic.error(JsonCodes.EXPRESSION, "this template could not be read", at.toFile(null),
                    "simplify it"));
        }
        return null;
    }

    static String print(Expr e) {
        return e == null ? "null" : ExpressionText.print(e);
    }

    static String printTemplate(Expr e) {
        return e == null ? "${null}" : ExpressionText.printTemplate(e);
    }

    private void report(ExpressionSyntaxException e, StringColumns at) {
        sink.add(Diagnostic.error(e.code() == null ? JsonCodes.EXPRESSION : e.code(), e.getMessage(),
                at.at(e.line(), e.column()), e.hint()));
    }
}
