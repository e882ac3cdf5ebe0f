package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Function;
import dev.agentplan.runtime.eval.Bindings;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.eval.Values;
import dev.agentplan.runtime.tools.secrets.SecretPlaceholders;
import dev.agentplan.runtime.tools.secrets.UrlText;
import java.util.regex.Matcher;

/**
 * The {@code url} of an {@code http} call: a template's literal text is kept as written and each
 * interpolated value is percent-encoded for where it lands, so a value cannot change the path
 * or the query around it. In the path, the query and the fragment everything but unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) is encoded, and a value of only dots becomes
 * {@code %2E…}; in the host, {@code :} and {@code [ ]} are kept too. A value before any
 * {@code ://} (the base of the URL) and {@code raw(x)} are inserted as they are. A url that is
 * one expression ({@code url: input.endpoint}) is used as it is.
 */
final class UrlTemplates {

    private enum Position { ORIGIN, AUTHORITY, PATH, QUERY, FRAGMENT }

    private UrlTemplates() {
    }

    static JsonNode evaluate(Evaluator evaluator, Expr url, Bindings bindings) {
        if (!(url instanceof Expr.TemplateExpr template)) {
            return evaluator.evaluate(url, bindings);
        }
        StringBuilder out = new StringBuilder();
        for (Expr part : template.parts()) {
            if (part instanceof Expr.StringLiteral literal) {
                out.append(literal.value());
            } else if (part instanceof Expr.FunctionCall call && Function.RAW.functionName.equals(call.function())
                    && call.args().size() == 1) {
                out.append(evaluator.text(call.args().get(0), bindings));
            } else {
                out.append(encode(evaluator.text(part, bindings), position(out)));
            }
        }
        return Values.NODES.textNode(out.toString());
    }

    private static Position position(CharSequence before) {
        String s = before.toString();
        if (s.indexOf('#') >= 0) {
            return Position.FRAGMENT;
        }
        if (s.indexOf('?') >= 0) {
            return Position.QUERY;
        }
        int scheme = s.indexOf("://");
        if (scheme < 0) {
            return Position.ORIGIN;
        }
        return s.indexOf('/', scheme + 3) < 0 ? Position.AUTHORITY : Position.PATH;
    }

    /** Secret references stay references, asking the activity to encode the value the same way. */
    private static String encode(String value, Position at) {
        if (at == Position.ORIGIN) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = SecretPlaceholders.matcher(value);
        int last = 0;
        while (m.find()) {
            out.append(encodeText(value.substring(last, m.start()), at)).append(SecretPlaceholders.forUrl(m.group()));
            last = m.end();
        }
        return out.append(encodeText(value.substring(last), at)).toString();
    }

    private static String encodeText(String text, Position at) {
        if (text.isEmpty()) {
            return text;
        }
        if (at == Position.AUTHORITY) {
            return UrlText.encode(text, ":[]");
        }
        if (at == Position.PATH && text.chars().allMatch(c -> c == '.')) {
            return "%2E".repeat(text.length()); // "." and ".." would move along the path
        }
        return UrlText.encodeComponent(text);
    }
}
