package dev.agentplan.syntax;

import static dev.agentplan.syntax.generated.AgentParser.*;

import dev.agentplan.syntax.generated.AgentParser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/** One syntax error in the user's words: what is wrong and what to do about it. */
record ErrorMessage(SyntaxCodes code, String message, String hint) {

    private static final String STATEMENTS = "a statement is a tool call `name(arg: value)`, `name = tool(…)`, `set`,"
            + " `if`, `for each`, `while`, `parallel`, `wait`, `await signal`, `approve`, `try`, `fail` or `run`";

    /**
     * @param start for a failed choice between alternatives, the token where the choice began
     *              (the offending token is where it became impossible); otherwise null
     */
    static ErrorMessage of(AgentParser p, Token offending, IntervalSet expected, boolean missing, Token start,
                           Spans spans) {
        boolean expressionOnly = inExpressionOnly(p.getContext());
        ErrorMessage m = new Situation(p, offending, expected, missing, start, spans, expressionOnly).message();
        if (expressionOnly) {
            return new ErrorMessage(m.code, m.message.replace("the end of the file", "the end of the text")
                    .replace("the file ends", "the text ends"), m.hint);
        }
        return m;
    }

    /** Everything known at the error, and the rules that turn it into a message, most specific first. */
    private record Situation(AgentParser p, Token offending, IntervalSet expected, boolean missing, Token start,
                             Spans spans, boolean expressionOnly) {

        ErrorMessage message() {
            int t = offending.getType();
            String found = shown(offending);
            ParserRuleContext ctx = p.getContext();
            Unclosed open = Unclosed.find(ctx);

            if (ctx instanceof AgentParser.AgentFileContext && ctx.getChildCount() == 0 && t != AGENT) {
                if (t == Token.EOF) {
                    return new ErrorMessage(SyntaxCodes.EMPTY, "the file has no plan in it",
                            "a plan starts with `agent <name>`, for example `agent triage \"what it does\"`");
                }
                return new ErrorMessage(SyntaxCodes.SYNTAX, "a plan starts with `agent <name>`, not " + found,
                        "put `agent <name>` on the first line; comments start with #");
            }
            if (open != null && blockIsOver(open)) {
                return unclosed(open);
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
            if (isCloser(t) && !expected.contains(t)) {
                String closer = offending.getText();
                if (open == null) {
                    return new ErrorMessage(SyntaxCodes.SYNTAX, "unexpected `" + closer + "`: nothing is open here",
                            "remove it, or look for a missing `" + openerOf(closer) + "` before it");
                }
                if (!open.closer().equals(closer) && expected.contains(closerType(open.closer()))) {
                    return new ErrorMessage(SyntaxCodes.UNCLOSED,
                            "expected `" + open.closer() + "` to close " + open.what() + " opened "
                                    + where(open.opener()) + ", but found `" + closer + "`",
                            "add `" + open.closer() + "` before the `" + closer + "`");
                }
            }
            if (ctx instanceof AgentParser.ToolDeclContext d && d.name() != null
                    && Expected.OPTION_BLOCKS.get(0).options().contains(d.name().getStart().getType())) {
                return new ErrorMessage(SyntaxCodes.SYNTAX,
                        "`" + d.name().getText() + "` is a tool option, not a tool",
                        "put tool options inside `defaults { … }` or inside a tool's braces: `name = http { "
                                + d.name().getText() + " … }`");
            }
            if (expected.size() == 1 && expected.contains(Token.EOF)) {
                if (expressionOnly) {
                    return new ErrorMessage(SyntaxCodes.SYNTAX, "unexpected " + found + " after the end of the expression",
                            "join the parts with an operator such as + or &&, or remove it");
                }
                return new ErrorMessage(SyntaxCodes.MISPLACED, "nothing may follow the `output` block, but found " + found,
                        "move the `output` block to the end of the plan");
            }
            Expected.OptionBlock options = Expected.optionBlock(expected);
            if (options != null && Expected.isWord(t)) {
                String guess = Expected.closestKeyword(offending.getText(), expected);
                return new ErrorMessage(SyntaxCodes.UNKNOWN_OPTION,
                        "unknown " + options.what() + " `" + offending.getText() + "`; expected one of " + options.names(),
                        guess != null ? "did you mean `" + guess + "`?" : "use one of the options listed, or remove it");
            }
            Token before = previous(offending);
            if (start != null && ctx instanceof AgentParser.StatementContext && before != null
                    && before.getType() == ASSIGN && Expected.isWord(start.getType())) {
                return new ErrorMessage(SyntaxCodes.SYNTAX, "expected a tool call, `parallel`, `await signal` or `run`"
                        + " after `" + start.getText() + " =`, but found " + found,
                        "to give `" + start.getText() + "` a value, write `set " + start.getText() + " = …`");
            }
            if (start != null && start != offending && ctx instanceof AgentParser.StatementContext
                    && Expected.isWord(start.getType()) && offending.getTokenIndex() == nextIndex(start)) {
                return new ErrorMessage(SyntaxCodes.SYNTAX,
                        "expected `=` or `(` after `" + start.getText() + "`, but found " + found, STATEMENTS);
            }
            if ((ctx instanceof AgentParser.ToolKindContext || ctx instanceof AgentParser.ToolDeclContext)
                    && expected.contains(FAIL)) {
                return new ErrorMessage(SyntaxCodes.SYNTAX, "expected a tool kind, like http, exec or llm.chat, but found "
                        + found, "declare a tool as `name = kind { options }`, for example `logs = http { timeout 30s }`");
            }
            if (expected.contains(DURATION) && !expected.contains(IDENT)) {
                return new ErrorMessage(SyntaxCodes.BAD_DURATION, "expected a duration like 30s, 5m or 2h, but found "
                        + found, "write a whole number with a unit: ms, s, m, h or d (1h30m is fine too)");
            }
            if (missing && open != null && expected.size() == 1 && expected.contains(closerType(open.closer()))) {
                return new ErrorMessage(SyntaxCodes.UNCLOSED,
                        "expected `" + open.closer() + "` to close " + open.what() + " opened "
                                + where(open.opener()) + ", but found " + found,
                        "add `" + open.closer() + "`, or a comma if more follows");
            }
            String guess = Expected.isWord(t) ? Expected.closestKeyword(offending.getText(), expected) : null;
            return new ErrorMessage(SyntaxCodes.SYNTAX, "expected " + Expected.describe(expected) + ", but found " + found,
                    guess != null ? "did you mean `" + guess + "`?" : hint());
        }

        private Token previous(Token t) {
            TokenStream in = p.getInputStream();
            for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
                if (in.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                    return in.get(i);
                }
            }
            return null;
        }

        /** Whether the offending token shows the open block should have ended before it. */
        private boolean blockIsOver(Unclosed open) {
            int t = offending.getType();
            if (t == Token.EOF || t == AGENT || Expected.HEADER.contains(t) || t == OUTPUT) {
                return true;
            }
            if (Expected.optionBlock(expected) != null && Expected.isWord(t)
                    && p.getInputStream().LA(2) == ASSIGN) {
                return true;
            }
            return startsStatementLine(open.opener());
        }

        /**
         * Whether the error is on a later line than the opener and that line starts like a
         * statement ({@code name =}, {@code name(}, {@code if …}): the bracket was left open above.
         */
        private boolean startsStatementLine(Token opener) {
            if (offending.getType() == Token.EOF || offending.getLine() <= opener.getLine()
                    || p.getContext() instanceof AgentParser.BlockContext
                    || p.getContext() instanceof AgentParser.AgentFileContext) {
                return false;
            }
            TokenStream in = p.getInputStream();
            int first = offending.getTokenIndex();
            for (int i = first - 1; i >= 0; i--) {
                Token tk = in.get(i);
                if (tk.getChannel() != Token.DEFAULT_CHANNEL) {
                    continue;
                }
                if (tk.getLine() != offending.getLine()) {
                    break;
                }
                first = i;
            }
            Token head = in.get(first);
            if (Expected.STATEMENT_KEYWORDS.contains(head.getType())) {
                return head.getType() != FAIL || first == offending.getTokenIndex();
            }
            if (!Expected.isWord(head.getType())) {
                return false;
            }
            int next = nextIndex(head);
            int after = next < 0 ? Token.EOF : in.get(next).getType();
            return after == ASSIGN || after == LPAREN && !(p.getContext() instanceof AgentParser.PrimaryContext);
        }

        private ErrorMessage unclosed(Unclosed open) {
            String closer = "`" + open.closer() + "`";
            if (expected.contains(closerType(open.closer())) || offending.getType() != Token.EOF) {
                return new ErrorMessage(SyntaxCodes.UNCLOSED,
                        "expected " + closer + " to close " + open.what() + " opened " + where(open.opener()),
                        "add " + closer + " where " + open.what() + " should end");
            }
            return new ErrorMessage(SyntaxCodes.UNCLOSED,
                    "the file ends inside " + open.what() + " opened " + where(open.opener()) + "; expected "
                            + Expected.describe(expected), "finish it and close it with " + closer);
        }

        private String hint() {
            Token before = previous(offending);
            if (before != null && before.getType() == DURATION
                    && (offending.getType() == DURATION || offending.getType() == NUMBER)) {
                return "write a duration without spaces, like 1h30m";
            }
            if ((expected.contains(EACH) || expected.contains(IN)) && !expected.contains(IDENT)) {
                return "loops are written `for each item in list { … }`";
            }
            if (expected.contains(IF) && expected.contains(SET)) {
                return STATEMENTS;
            }
            if (expected.contains(NOT) && expected.contains(NUMBER)) {
                return "write a value or an expression, like \"text\", 42, [1, 2] or input.name";
            }
            if (expected.contains(IDENT)) {
                return "names start with a letter or _ and contain letters, digits and _";
            }
            if (expected.contains(COMMA)) {
                return "separate items with commas";
            }
            return "check the text just before this point";
        }

        /** "at line 3" or, on the line of the error, "at column 7". */
        private String where(Token opener) {
            if (opener.getLine() == offending.getLine()) {
                return "at column " + spans.column(opener.getLine(), opener.getCharPositionInLine() + 1);
            }
            return "at line " + spans.line(opener.getLine());
        }

        private int nextIndex(Token t) {
            TokenStream in = p.getInputStream();
            for (int i = t.getTokenIndex() + 1; i < in.size(); i++) {
                if (in.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static boolean inExpressionOnly(ParserRuleContext ctx) {
        ParserRuleContext c = ctx;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c instanceof AgentParser.ExpressionOnlyContext;
    }

    private static boolean isCloser(int type) {
        return type == RBRACE || type == RPAREN || type == RBRACK;
    }

    private static String openerOf(String closer) {
        return switch (closer) {
            case ")" -> "(";
            case "]" -> "[";
            default -> "{";
        };
    }

    private static int closerType(String closer) {
        return switch (closer) {
            case ")" -> RPAREN;
            case "]" -> RBRACK;
            default -> RBRACE;
        };
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
