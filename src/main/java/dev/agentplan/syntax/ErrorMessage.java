package dev.agentplan.syntax;

import static dev.agentplan.syntax.generated.AgentParser.*;

import dev.agentplan.syntax.generated.AgentParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** One syntax error in the user's words: what is wrong and what to do about it. */
record ErrorMessage(SyntaxCodes code, String message, String hint) {

    static ErrorMessage of(AgentParser p, Token offending, IntervalSet expected, boolean missing, Spans spans) {
        ErrorMessage m = build(p, offending, expected, missing, spans);
        if (inExpressionOnly(p.getContext())) {
            return new ErrorMessage(m.code, m.message.replace("the end of the file", "the end of the text"), m.hint);
        }
        return m;
    }

    private static ErrorMessage build(AgentParser p, Token offending, IntervalSet expected, boolean missing,
                                      Spans spans) {
        int t = offending.getType();
        String found = shown(offending);
        ParserRuleContext ctx = p.getContext();
        boolean inExpressionOnly = inExpressionOnly(ctx);

        if (expected.contains(AGENT) && t != AGENT) {
            if (t == Token.EOF) {
                return new ErrorMessage(SyntaxCodes.EMPTY, "the file has no plan in it",
                        "a plan starts with `agent <name>`, for example `agent triage \"what it does\"`");
            }
            return new ErrorMessage(SyntaxCodes.SYNTAX, "a plan starts with `agent <name>`, not " + found,
                    "put `agent <name>` on the first line; comments start with #");
        }
        Unclosed open = Unclosed.find(ctx);
        if (open != null && (expected.contains(closerType(open.closer())) || t == Token.EOF)
                && (t == Token.EOF || t == AGENT || Expected.HEADER.contains(t) || t == OUTPUT
                || (Expected.optionBlock(expected) != null && p.getInputStream().LA(2) == ASSIGN))) {
            String where = where(open.opener(), offending, spans);
            if (expected.contains(closerType(open.closer()))) {
                return new ErrorMessage(SyntaxCodes.UNCLOSED,
                        "expected `" + open.closer() + "` to close " + open.what() + " opened " + where,
                        "add `" + open.closer() + "` where " + open.what().replaceFirst("^the ", "the ")
                                + " should end");
            }
            return new ErrorMessage(SyntaxCodes.UNCLOSED,
                    "the " + (inExpressionOnly ? "text" : "file") + " ends inside " + open.what() + " opened "
                            + where + "; expected " + Expected.describe(expected),
                    "finish it and close it with `" + open.closer() + "`");
        }
        if (t == AGENT) {
            return new ErrorMessage(SyntaxCodes.MISPLACED, "only one `agent` line is allowed, at the top of the file",
                    "remove this line or split the file into two plans");
        }
        if (Expected.HEADER.contains(t) && expected.contains(IF)) {
            return new ErrorMessage(SyntaxCodes.MISPLACED,
                    "the `" + offending.getText() + "` block must come before the first statement",
                    "move it up, after the `agent` line");
        }
        if (expected.size() == 1 && expected.contains(Token.EOF) && ctx instanceof AgentParser.AgentFileContext) {
            return new ErrorMessage(SyntaxCodes.MISPLACED,
                    "nothing may follow the `output` block, but found " + found,
                    "move the `output` block to the end of the plan");
        }
        if (expected.size() == 1 && expected.contains(Token.EOF) && inExpressionOnly) {
            return new ErrorMessage(SyntaxCodes.SYNTAX, "unexpected " + found + " after the end of the expression",
                    "join the parts with an operator such as + or &&, or remove it");
        }
        Expected.OptionBlock options = Expected.optionBlock(expected);
        if (options != null && Expected.isWord(t)) {
            String guess = Expected.closestKeyword(offending.getText(), expected);
            return new ErrorMessage(SyntaxCodes.UNKNOWN_OPTION,
                    "unknown " + options.what() + " `" + offending.getText() + "`; expected one of "
                            + options.names(),
                    guess != null ? "did you mean `" + guess + "`?" : "use one of the options listed, or remove it");
        }
        if (expected.contains(DURATION) && !expected.contains(IDENT)) {
            return new ErrorMessage(SyntaxCodes.BAD_DURATION, "expected a duration like 30s, 5m or 2h, but found "
                    + found, "write a number with a unit: ms, s, m, h or d (1h30m is fine too)");
        }
        if (missing && open != null && expected.contains(closerType(open.closer())) && expected.size() == 1) {
            return new ErrorMessage(SyntaxCodes.UNCLOSED,
                    "expected `" + open.closer() + "` to close " + open.what() + " opened "
                            + where(open.opener(), offending, spans) + ", but found " + found,
                    "add `" + open.closer() + "`, or a comma if more follows");
        }
        String guess = Expected.isWord(t) ? Expected.closestKeyword(offending.getText(), expected) : null;
        String hint = guess != null ? "did you mean `" + guess + "`?" : hintFor(offending, expected, ctx);
        return new ErrorMessage(SyntaxCodes.SYNTAX, "expected " + Expected.describe(expected) + ", but found " + found,
                hint);
    }

    private static String hintFor(Token offending, IntervalSet expected, ParserRuleContext ctx) {
        if (expected.contains(IF) && expected.contains(SET)) {
            return "a statement is a tool call, `set`, `if`, `for each`, `while`, `parallel`, `wait`, `await signal`,"
                    + " `approve`, `try`, `fail` or `run`";
        }
        if (expected.contains(COMMA) && (expected.contains(RPAREN) || expected.contains(RBRACK)
                || expected.contains(RBRACE))) {
            return "separate items with commas";
        }
        if (ctx instanceof AgentParser.CallStatementContext || ctx instanceof AgentParser.StatementContext) {
            return "to give a variable a value write `set name = value`; a call is `name(arg: value, …)`";
        }
        return "check the text just before this point";
    }

    private static boolean inExpressionOnly(ParserRuleContext ctx) {
        ParserRuleContext c = ctx;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c instanceof AgentParser.ExpressionOnlyContext;
    }

    private static int closerType(String closer) {
        return switch (closer) {
            case ")" -> RPAREN;
            case "]" -> RBRACK;
            default -> RBRACE;
        };
    }

    /** "at line 3" or, on the line of the error, "at column 7". */
    private static String where(Token opener, Token offending, Spans spans) {
        if (opener.getLine() == offending.getLine()) {
            return "at column " + spans.column(opener.getLine(), opener.getCharPositionInLine() + 1);
        }
        return "at line " + spans.line(opener.getLine());
    }

    /** The offending token as the user wrote it. */
    static String shown(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "the end of the file";
            case DQUOTE -> "a string";
            case STR_END -> "`\"`";
            case STR_UNTERMINATED -> "the end of the line";
            default -> {
                String text = t.getText();
                if (text.length() > 30) {
                    text = text.substring(0, 27) + "…";
                }
                yield "`" + text + "`";
            }
        };
    }
}
