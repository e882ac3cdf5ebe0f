package dev.agentplan.syntax.json;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Expr;
import dev.agentplan.model.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON form's one door to expression text: parses expression and template strings (spans
 * mapped to the file through {@link StringColumns}) and prints them back.
 *
 * <p>TEMPORARY: until {@code dev.agentplan.syntax.ExpressionText} lands, only plain paths and
 * literal strings are understood; anything else is reported as a diagnostic.
 */
final class JsonExpressions {

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final List<Diagnostic> sink;

    JsonExpressions(List<Diagnostic> sink) {
        this.sink = sink;
    }

    /** Expression source text; null (with a diagnostic) when it does not parse. */
    Expr expression(String text, StringColumns at) {
        String t = text.trim();
        if (PATH.matcher(t).matches()) {
            return path(t, at.toFile(null));
        }
        sink.add(Diagnostic.error(JsonCodes.EXPRESSION, "expression not understood: " + text, at.toFile(null), null));
        return null;
    }

    /** Template text: literal chunks and ${…} interpolations. */
    Expr template(String text, StringColumns at) {
        SourceSpan span = at.toFile(null);
        if (!text.contains("${")) {
            return new Expr.StringLiteral(text, span);
        }
        if (text.startsWith("${") && text.endsWith("}") && text.indexOf("${", 2) < 0) {
            return expression(text.substring(2, text.length() - 1), at);
        }
        sink.add(Diagnostic.error(JsonCodes.EXPRESSION, "template not understood: " + text, span, null));
        return null;
    }

    static String print(Expr e) {
        if (e instanceof Expr.PathExpr p) {
            StringBuilder out = new StringBuilder(p.root());
            for (Expr.PathSegment s : p.segments()) {
                if (s instanceof Expr.Field f) {
                    out.append('.').append(f.name());
                }
            }
            return out.toString();
        }
        return "null";
    }

    static String printTemplate(Expr e) {
        if (e instanceof Expr.StringLiteral s) {
            return s.value();
        }
        return "${" + print(e) + "}";
    }

    private static Expr path(String text, SourceSpan span) {
        String[] parts = text.split("\\.");
        List<Expr.PathSegment> segments = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            segments.add(new Expr.Field(parts[i]));
        }
        return new Expr.PathExpr(parts[0], segments, span);
    }
}
