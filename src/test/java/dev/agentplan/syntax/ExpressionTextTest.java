package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentplan.model.Expr;
import dev.agentplan.model.Expr.BinaryOp;
import dev.agentplan.model.SourceSpan;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionTextTest {

    private static final SourceSpan NONE = SourceSpan.NONE;

    private static Expr parse(String text) {
        return ExpressionText.parse(text, NONE);
    }

    private static Expr.PathExpr path(String root, Expr.PathSegment... segments) {
        return new Expr.PathExpr(root, List.of(segments), NONE);
    }

    private static Expr.StringLiteral str(String s) {
        return new Expr.StringLiteral(s, NONE);
    }

    private static Expr.NumberLiteral num(String n) {
        return new Expr.NumberLiteral(new BigDecimal(n), NONE);
    }

    @Test
    void parsesPathsWithFieldsAndIndexes() {
        Expr e = parse("evidence.body.items[0].url == \"x\"");
        Expr expected = new Expr.BinaryExpr(BinaryOp.EQ,
                path("evidence", new Expr.Field("body"), new Expr.Field("items"), new Expr.Index(num("0")),
                        new Expr.Field("url")),
                str("x"), NONE);
        assertEquals(expected, e);
    }

    @Test
    void literalsAndCollections() {
        assertEquals(num("1.5"), parse("1.50"));
        assertEquals(num("-3"), parse("-3"));
        assertEquals(new Expr.BooleanLiteral(true, NONE), parse("true"));
        assertEquals(new Expr.NullLiteral(NONE), parse("null"));
        assertEquals(new Expr.ListExpr(List.of(num("1"), str("a")), NONE), parse("[1, \"a\",]"));
        assertEquals(new Expr.ObjectExpr(Map.of("a", num("1")), NONE), parse("{a: 1}"));
        assertEquals(new Expr.ObjectExpr(Map.of("content-type", str("x")), NONE), parse("{\"content-type\": \"x\"}"));
        assertEquals(new Expr.FunctionCall("length", List.of(path("x")), NONE), parse("length(x)"));
        assertEquals(new Expr.UnaryExpr(Expr.UnaryOp.NOT, path("ok"), NONE), parse("!ok"));
    }

    @Test
    void precedenceAndAssociativity() {
        Expr e = parse("a + b * c - d");
        Expr expected = new Expr.BinaryExpr(BinaryOp.SUB,
                new Expr.BinaryExpr(BinaryOp.ADD, path("a"),
                        new Expr.BinaryExpr(BinaryOp.MUL, path("b"), path("c"), NONE), NONE),
                path("d"), NONE);
        assertEquals(expected, e);
        assertEquals(parse("(a || b) && c"), new Expr.BinaryExpr(BinaryOp.AND,
                new Expr.BinaryExpr(BinaryOp.OR, path("a"), path("b"), NONE), path("c"), NONE));
    }

    @Test
    void stringIndexIsAField() {
        assertEquals(path("h", new Expr.Field("content-type")), parse("h[\"content-type\"]"));
        assertEquals("h[\"content-type\"]", ExpressionText.print(parse("h[\"content-type\"]")));
        assertEquals("h.a", ExpressionText.print(parse("h[\"a\"]")));
    }

    @Test
    void templatesInExpressions() {
        assertEquals(new Expr.TemplateExpr(List.of(str("Incident "), path("input", new Expr.Field("id"))), NONE),
                parse("\"Incident ${input.id}\""));
        assertEquals(path("x"), parse("\"${x}\""));
        assertEquals(str("ab"), parse("\"a${\"b\"}\""));
        assertEquals(str("${not}"), parse("\"\\${not}\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a.b[0].c == \"x\"",
        "a + b * c",
        "(a + b) * c",
        "a - (b - c)",
        "a - b - c",
        "!(a && b) || c",
        "-x * 2",
        "-(a + b)",
        "a - -5",
        "{ a: 1, \"b c\": [1, 2.5, \"s\"], d: {} }",
        "[]",
        "length(items) > 0 && contains(tags, \"x\")",
        "\"Incident ${input.alert_id} at ${now()}\"",
        "\"quote \\\" backslash \\\\ newline \\n dollar \\${x} $ alone\"",
        "coalesce(a, null, false, true)",
        "a % 2 == (0 != b <= c)",
        "x[\"weird key\"][i + 1]",
        "1000000000000000000000.000000000001",
    })
    void printIsCanonicalAndRoundTrips(String text) {
        Expr e = parse(text);
        String printed = ExpressionText.print(e);
        assertEquals(text, printed);
        assertEquals(e, parse(printed));
    }

    @Test
    void printNormalises() {
        assertEquals("a + b * c", ExpressionText.print(parse("((a)) + (b * c)")));
        assertEquals("1.5", ExpressionText.print(parse("1.500")));
        assertEquals("100", ExpressionText.print(parse("1e2")));
        assertEquals("{ a: 1 }", ExpressionText.print(parse("{a:1,}")));
    }

    @Test
    void spansAreOffsetFromTheOrigin() {
        SourceSpan origin = new SourceSpan("plan.json", 7, 20, 7, 40, "/steps/0/if");
        Expr.BinaryExpr e = (Expr.BinaryExpr) ExpressionText.parse("a ==\n  b", origin);
        assertEquals(7, e.left().span().line());
        assertEquals(20, e.left().span().column());
        assertEquals(8, e.right().span().line());
        assertEquals(3, e.right().span().column());
        assertEquals("/steps/0/if", e.right().span().pointer());
        assertEquals("plan.json", e.span().file());
    }

    @Test
    void errorsHaveUserWordsAndRelativePositions() {
        SourceSpan origin = new SourceSpan("plan.json", 7, 20, 7, 40, "/x");
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parse("a == == b", origin));
        assertEquals("expected an expression, but found `==`", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(6, e.column());
        assertEquals(25, e.span().column());
        assertEquals("AP001", e.code());

        e = assertThrows(ExpressionSyntaxException.class, () -> parse("f(a, b"));
        assertEquals("expected `)` to close the call `f(` opened at column 2", e.getMessage());
        e = assertThrows(ExpressionSyntaxException.class, () -> parse(""));
        assertEquals("expected an expression, but found the end of the text", e.getMessage());
        e = assertThrows(ExpressionSyntaxException.class, () -> parse("a b"));
        assertEquals("unexpected `b` after the end of the expression", e.getMessage());
        assertEquals(3, e.column());
        e = assertThrows(ExpressionSyntaxException.class, () -> parse("a § b"));
        assertEquals("unexpected character `§`", e.getMessage());
        e = assertThrows(ExpressionSyntaxException.class, () -> parse("\"abc"));
        assertEquals("string is not closed before the end of the text", e.getMessage());
        e = assertThrows(ExpressionSyntaxException.class, () -> parse("\"a\\qb\""));
        assertEquals("unknown escape `\\q` in a string", e.getMessage());
        assertEquals(3, e.column());
    }

    @Test
    void templateTextOfTheJsonForm() {
        SourceSpan origin = SourceSpan.of("p.json", 3, 10);
        assertEquals(str("plain"), ExpressionText.parseTemplate("plain", origin));
        assertEquals(str(""), ExpressionText.parseTemplate("", origin));
        assertEquals(path("input", new Expr.Field("service")), ExpressionText.parseTemplate("${input.service}", origin));
        Expr t = ExpressionText.parseTemplate("https://x/${input.service}?a=${ lower(\"}\") }", origin);
        assertEquals(new Expr.TemplateExpr(List.of(str("https://x/"), path("input", new Expr.Field("service")),
                str("?a="), new Expr.FunctionCall("lower", List.of(str("}")), NONE)), NONE), t);
        assertEquals(str("literal ${x} and \\ and \\n"), ExpressionText.parseTemplate("literal \\${x} and \\\\ and \\n", origin));
        Expr.TemplateExpr spanned = (Expr.TemplateExpr) ExpressionText.parseTemplate("ab ${x}", origin);
        assertEquals(15, spanned.parts().get(1).span().column());
    }

    @Test
    void templateErrors() {
        SourceSpan origin = SourceSpan.of("p.json", 3, 10);
        ExpressionSyntaxException e = assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parseTemplate("abc ${x", origin));
        assertEquals("the `${` interpolation is not closed; expected `}`", e.getMessage());
        assertEquals(5, e.column());
        e = assertThrows(ExpressionSyntaxException.class, () -> ExpressionText.parseTemplate("ab ${x +}", origin));
        assertEquals("expected an expression, but found the end of the text", e.getMessage());
        assertEquals(9, e.column());
        assertEquals(18, e.span().column());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain text",
        "",
        "${x}",
        "a ${x} b",
        "${a}${b}",
        "C:\\path\\to",
        "ends with backslash \\",
        "backslash before interp \\${x}",
        "literal \\${x}",
        "double \\\\ backslash",
        "\\\\\\${",
        "${ {a: \"${b}\"} }",
        "quote \" inside",
    })
    void templateRoundTrip(String content) {
        Expr e = ExpressionText.parseTemplate(content, NONE);
        String printed = ExpressionText.printTemplate(e);
        assertEquals(e, ExpressionText.parseTemplate(printed, NONE));
        assertEquals(printed, ExpressionText.printTemplate(ExpressionText.parseTemplate(printed, NONE)));
    }

    @Test
    void printTemplateOfValues() {
        assertEquals("${5}", ExpressionText.printTemplate(num("5")));
        assertEquals("a\\${b", ExpressionText.printTemplate(str("a${b")));
        assertEquals("C:\\dir", ExpressionText.printTemplate(str("C:\\dir")));
        assertEquals("x\\\\${y}", ExpressionText.printTemplate(
                new Expr.TemplateExpr(List.of(str("x\\"), path("y")), NONE)));
    }
}
