package dev.agentplan.syntax;

import dev.agentplan.syntax.generated.AgentLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.Token;

/**
 * Follows strings and their {@code ${…}} interpolations through the token stream, to say which
 * one is left open when a string does not end on its line or the file ends inside one.
 */
final class StringNesting {

    /** An open string (its quote) or interpolation (its {@code ${}) and the braces open inside it. */
    private static final class Frame {
        final Token opener;
        int braces;

        Frame(Token opener) {
            this.opener = opener;
        }

        boolean isInterpolation() {
            return opener.getType() == AgentLexer.INTERP_OPEN;
        }
    }

    private final Deque<Frame> open = new ArrayDeque<>();

    void see(Token t) {
        switch (t.getType()) {
            case AgentLexer.DQUOTE, AgentLexer.INTERP_OPEN -> open.push(new Frame(t));
            case AgentLexer.STR_END -> open.poll();
            case AgentLexer.LBRACE -> {
                if (!open.isEmpty()) {
                    open.peek().braces++;
                }
            }
            case AgentLexer.RBRACE -> {
                Frame top = open.peek();
                if (top != null && top.isInterpolation()) {
                    if (top.braces == 0) {
                        open.pop();
                    } else {
                        top.braces--;
                    }
                }
            }
            default -> {
            }
        }
    }

    boolean isOpen() {
        return !open.isEmpty();
    }

    /** What {@link #abandon} closed: the most likely culprit and the first token of the nest. */
    record Abandoned(Token culprit, Token start) {
    }

    /**
     * Closes the whole nest of strings the innermost open string belongs to (as the lexer does at
     * a line end). The culprit is the innermost open interpolation, else the outermost string.
     */
    Abandoned abandon() {
        Token interpolation = null;
        Token outermost = null;
        while (!open.isEmpty()) {
            Frame f = open.pop();
            if (f.isInterpolation()) {
                if (interpolation == null) {
                    interpolation = f.opener;
                }
            } else {
                outermost = f.opener;
                if (open.isEmpty() || !open.peek().isInterpolation()) {
                    break;
                }
            }
        }
        Token culprit = interpolation != null ? interpolation : outermost;
        return culprit == null ? null : new Abandoned(culprit, outermost != null ? outermost : culprit);
    }
}
