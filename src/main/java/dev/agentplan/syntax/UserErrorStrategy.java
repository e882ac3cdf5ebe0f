package dev.agentplan.syntax;

import static dev.agentplan.syntax.generated.AgentParser.*;

import dev.agentplan.syntax.generated.AgentParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Error reporting and recovery in the user's words. Messages come from the offending token, what
 * the parser expected there and the enclosing construct (so a missing {@code }} names the block
 * it should close). Inside loops of options or statements an unexpected word is skipped up to the
 * next option or statement, so one typo gives one error, not a cascade.
 */
final class UserErrorStrategy extends DefaultErrorStrategy {

    private final TextParsing text;
    private int lastErrorLine;

    UserErrorStrategy(TextParsing text) {
        this.text = text;
    }

    @Override
    public void reportError(Parser p, RecognitionException e) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : p.getCurrentToken();
        IntervalSet expected = e instanceof FailedPredicateException || e.getExpectedTokens() == null
                ? p.getExpectedTokens() : e.getExpectedTokens();
        Token start = null;
        if (e instanceof NoViableAltException n) {
            expected = p.getExpectedTokens();
            start = n.getStartToken();
        }
        report(p, offending, expected, false, start);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        report(p, p.getCurrentToken(), getExpectedTokens(p), false, null);
    }

    @Override
    protected void reportMissingToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        report(p, p.getCurrentToken(), getExpectedTokens(p), true, null);
    }

    @Override
    public void sync(Parser p) throws RecognitionException {
        boolean list = isListOfStatementsOrOptions(p.getContext());
        if (list && inErrorRecoveryMode(p) && p.getCurrentToken().getLine() > lastErrorLine) {
            // A new line of statements or options after an error: a new error here is a new problem.
            endErrorCondition(p);
        }
        if (inErrorRecoveryMode(p)) {
            return;
        }
        if (!list) {
            super.sync(p);
            return;
        }
        // What an inner rule's sync remembered for a later mismatch report does not apply here.
        nextTokensContext = null;
        nextTokensState = ATNState.INVALID_STATE_NUMBER;
        ATNState s = p.getInterpreter().atn.states.get(p.getState());
        int la = p.getInputStream().LA(1);
        IntervalSet next = p.getATN().nextTokens(s);
        if (next.contains(la) || next.contains(Token.EPSILON)) {
            return;
        }
        switch (s.getStateType()) {
            case ATNState.STAR_LOOP_ENTRY, ATNState.STAR_LOOP_BACK, ATNState.PLUS_LOOP_BACK,
                    ATNState.BLOCK_START, ATNState.STAR_BLOCK_START, ATNState.PLUS_BLOCK_START -> {
                IntervalSet expected = p.getExpectedTokens();
                Token offending = p.getCurrentToken();
                if (blockEnded(p, offending, expected)) {
                    // The user most likely forgot a closing brace: say so and let the rule end here.
                    beginErrorCondition(p);
                    report(p, offending, expected, false, null);
                    throw new InputMismatchException(p);
                }
                report(p, offending, expected, false, null);
                skipTo(p, expected);
            }
            default -> {
            }
        }
    }

    /**
     * Consumes tokens until one the loop can continue with. A braced group is skipped whole (an
     * unknown option's value may be a block); parentheses and brackets are not balanced, so one
     * stray {@code (} cannot swallow the rest of the file.
     */
    private void skipTo(Parser p, IntervalSet expected) {
        TokenStream in = p.getInputStream();
        if (in.LA(1) == AGENT) {
            skipAgentLine(p);
            if (expected.contains(in.LA(1)) || in.LA(1) == Token.EOF) {
                return;
            }
        }
        int depth = 0;
        boolean first = true;
        while (in.LA(1) != Token.EOF) {
            int t = in.LA(1);
            if (depth == 0 && !first && expected.contains(t)) {
                return;
            }
            if (t == LBRACE) {
                depth++;
            } else if (t == RBRACE) {
                if (depth == 0 && expected.contains(RBRACE)) {
                    return;
                }
                depth = Math.max(0, depth - 1);
            }
            p.consume();
            first = false;
        }
    }

    /** Skips a misplaced {@code agent name "description"}. */
    private static void skipAgentLine(Parser p) {
        TokenStream in = p.getInputStream();
        p.consume();
        if (Expected.isWord(in.LA(1)) && in.LA(1) != AGENT) {
            p.consume();
        }
        if (in.LA(1) == DQUOTE) {
            while (in.LA(1) != Token.EOF && in.LA(1) != STR_END && in.LA(1) != STR_UNTERMINATED) {
                p.consume();
            }
            if (in.LA(1) != Token.EOF) {
                p.consume();
            }
        }
    }

    /** Whether the offending token says the enclosing block is over although its `}` is missing. */
    private boolean blockEnded(Parser p, Token offending, IntervalSet expected) {
        if (!expected.contains(RBRACE) || Unclosed.find(p.getContext()) == null) {
            return false;
        }
        int t = offending.getType();
        if (t == Token.EOF || t == AGENT || Expected.HEADER.contains(t) || t == OUTPUT) {
            return true;
        }
        return Expected.optionBlock(expected) != null && Expected.isWord(t)
                && p.getInputStream().LA(2) == ASSIGN;
    }

    /** Never delete a word that starts a statement or block: the user more likely left something out before it. */
    @Override
    protected Token singleTokenDeletion(Parser p) {
        int t = p.getInputStream().LA(1);
        if (Expected.STATEMENT_KEYWORDS.contains(t) || t == RBRACE || t == OUTPUT || Expected.HEADER.contains(t)) {
            return null;
        }
        return super.singleTokenDeletion(p);
    }

    /**
     * Never invent a missing opening bracket: a block or list that does not exist would swallow
     * the statements after it. Closing brackets may be invented; they end what is open.
     */
    @Override
    protected boolean singleTokenInsertion(Parser p) {
        IntervalSet expecting = getExpectedTokens(p);
        if (expecting.contains(LBRACE) || expecting.contains(LPAREN) || expecting.contains(LBRACK)
                || expecting.contains(AGENT)) {
            return false;
        }
        return super.singleTokenInsertion(p);
    }

    /** Contexts whose loops hold statements or options, where skipping to the next one is safe. */
    private static boolean isListOfStatementsOrOptions(ParserRuleContext ctx) {
        return ctx instanceof AgentParser.AgentFileContext || ctx instanceof AgentParser.BlockContext
                || ctx instanceof AgentParser.ToolsBlockContext || ctx instanceof AgentParser.ToolDeclContext
                || ctx instanceof AgentParser.ToolDefaultsContext || ctx instanceof AgentParser.RetryBlockContext
                || ctx instanceof AgentParser.BudgetBlockContext || ctx instanceof AgentParser.InputBlockContext
                || ctx instanceof AgentParser.OutputBlockContext || ctx instanceof AgentParser.AwaitStatementContext
                || ctx instanceof AgentParser.ApproveStatementContext
                || ctx instanceof AgentParser.ParallelStatementContext;
    }

    private void report(Parser p, Token offending, IntervalSet expected, boolean missing, Token start) {
        text.countSyntaxError();
        lastErrorLine = offending.getType() == Token.EOF ? Integer.MAX_VALUE : offending.getLine();
        if ((offending.getType() == Token.EOF && text.unclosedStringReported()) || text.isQuiet(offending)) {
            return;
        }
        ErrorMessage m = ErrorMessage.of((AgentParser) p, offending, expected, missing, start, text.spans);
        text.sink.error(m.code(), text.spans.of(offending), m.message(), m.hint());
    }
}
