package dev.agentplan.syntax;

import dev.agentplan.syntax.generated.AgentLexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Attaches the comments of a token stream to anchors while the plan is built. An anchor takes the
 * comments between the previous token and its first token, and a comment on the line of its last
 * token; a block end takes the comments before its {@code }}. A comment inside an anchor that no
 * inner anchor took (say, between the arguments of a call) moves before that anchor.
 */
final class CommentCollector {

    private record Anchor(String key, int start, int stop) {
    }

    private final CommonTokenStream tokens;
    private final Set<Integer> claimed = new HashSet<>();
    private final List<Anchor> anchors = new ArrayList<>();
    private final Map<String, List<String>> before = new LinkedHashMap<>();
    private final Map<String, String> after = new LinkedHashMap<>();
    private final Set<String> blankBefore = new LinkedHashSet<>();

    CommentCollector(CommonTokenStream tokens) {
        this.tokens = tokens;
    }

    void anchor(String key, ParserRuleContext ctx) {
        anchor(key, ctx.getStart(), ctx.getStop());
    }

    void anchor(String key, Token start, Token stop) {
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) {
            stop = start;
        }
        anchors.add(new Anchor(key, start.getTokenIndex(), stop.getTokenIndex()));
        int firstLine = leading(key, start);
        Token previous = previousOnChannel(start.getTokenIndex());
        if (previous != null && firstLine - lastLine(previous) >= 2) {
            blankBefore.add(key);
        }
        List<Token> right = tokens.getHiddenTokensToRight(stop.getTokenIndex(), AgentLexer.HIDDEN);
        if (right != null && !right.isEmpty() && right.get(0).getLine() == lastLine(stop)
                && claimed.add(right.get(0).getTokenIndex())) {
            after.put(key, text(right.get(0)));
        }
    }

    /** The comments before the token that closes a block ({@code }} or the end of the file). */
    void end(String key, Token closer) {
        if (closer != null) {
            leading(key, closer);
        }
    }

    /** Claims the unclaimed comments left of {@code start} for {@code key}; returns the first line they use. */
    private int leading(String key, Token start) {
        int firstLine = start.getLine();
        List<Token> left = tokens.getHiddenTokensToLeft(start.getTokenIndex(), AgentLexer.HIDDEN);
        if (left != null) {
            for (Token c : left) {
                if (claimed.add(c.getTokenIndex())) {
                    before.computeIfAbsent(key, k -> new ArrayList<>()).add(text(c));
                    firstLine = Math.min(firstLine, c.getLine());
                }
            }
        }
        return firstLine;
    }

    PlanComments finish() {
        for (Token t : tokens.getTokens()) {
            if (t.getType() != AgentLexer.COMMENT || claimed.contains(t.getTokenIndex())) {
                continue;
            }
            Anchor home = null;
            for (Anchor a : anchors) {
                if (a.start() <= t.getTokenIndex() && t.getTokenIndex() <= a.stop()
                        && (home == null || a.start() >= home.start())) {
                    home = a;
                }
            }
            before.computeIfAbsent(home == null ? CommentKeys.END_FILE : home.key(), k -> new ArrayList<>())
                    .add(text(t));
        }
        return new PlanComments(before, after, blankBefore);
    }

    private Token previousOnChannel(int index) {
        for (int i = index - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    private static int lastLine(Token t) {
        String text = t.getText();
        int line = t.getLine();
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
        }
        return line;
    }

    private static String text(Token comment) {
        return comment.getText().stripTrailing();
    }
}
