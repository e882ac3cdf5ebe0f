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
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Error reporting and recovery in the user's words. Messages come from the offending token, what
 * the parser expected there and the enclosing construct (so a missing {@code }} names the block
 * it should close). Inside loops of options or statements an unexpected word is skipped up to the
 * next option or statement, so one typo gives one error, not a cascade.
 */
final class UserErrorStrategy extends DefaultErrorStrategy {

    private final TextParser text;

    UserErrorStrategy(TextParser text) {
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
        if (e instanceof NoViableAltException) {
            expected = p.getExpectedTokens();
        }
        report(p, offending, expected, false);
    }

    @Override
    protected void reportUnwantedToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        report(p, p.getCurrentToken(), getExpectedTokens(p), false);
    }

    @Override
    protected void reportMissingToken(Parser p) {
        if (inErrorRecoveryMode(p)) {
            return;
        }
        beginErrorCondition(p);
        report(p, p.getCurrentToken(), getExpectedTokens(p), true);
    }

    @Override
    public void sync(Parser p) throws RecognitionException {
        if (inErrorRecoveryMode(p)) {
            return;
        }
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
                    report(p, offending, expected, false);
                    throw new InputMismatchException(p);
                }
                report(p, offending, expected, false);
                skipTo(p, expected);
            }
            default -> {
            }
        }
    }

    /** Consumes tokens (whole bracketed groups at a time) until one the loop can continue with. */
    private void skipTo(Parser p, IntervalSet expected) {
        TokenStream in = p.getInputStream();
        int depth = 0;
        boolean first = true;
        while (in.LA(1) != Token.EOF) {
            int t = in.LA(1);
            if (depth == 0 && !first && expected.contains(t)) {
                return;
            }
            if (t == LBRACE || t == LPAREN || t == LBRACK) {
                depth++;
            } else if (t == RBRACE || t == RPAREN || t == RBRACK) {
                if (depth == 0 && t == RBRACE && expected.contains(RBRACE)) {
                    return;
                }
                depth = Math.max(0, depth - 1);
            }
            p.consume();
            first = false;
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

    private void report(Parser p, Token offending, IntervalSet expected, boolean missing) {
        if (offending.getType() == Token.EOF && text.unclosedStringReported()) {
            return;
        }
        ErrorMessage m = ErrorMessage.of((AgentParser) p, offending, expected, missing, text.spans);
        text.sink.error(m.code(), text.spans.of(offending), m.message(), m.hint());
    }
}
