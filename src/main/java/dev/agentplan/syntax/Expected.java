package dev.agentplan.syntax;

import static dev.agentplan.syntax.generated.AgentLexer.*;

import dev.agentplan.model.Suggestions;
import dev.agentplan.syntax.generated.AgentLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** Sets of tokens the parser expects, described in the user's words ("an expression", "`}`"). */
final class Expected {

    static final IntervalSet NAME = IntervalSet.of(EACH, PRICE); // the soft keywords, in lexer order
    static final IntervalSet EXPRESSION_START;
    static final IntervalSet STATEMENT_START;
    static final IntervalSet STATEMENT_KEYWORDS = new IntervalSet();
    static final IntervalSet HEADER = IntervalSet.of(INPUT, BUDGET);
    static final IntervalSet WORDS = IntervalSet.of(AGENT, PRICE);
    static final IntervalSet OPERATORS = IntervalSet.of(EQ, OR);

    static {
        NAME.add(IDENT);
        EXPRESSION_START = new IntervalSet(NAME);
        for (int t : new int[] {NOT, MINUS, LPAREN, DQUOTE, NUMBER, BAD_NUMBER, DURATION, TRUE, FALSE, NULL,
                LBRACK, LBRACE, INPUT}) {
            EXPRESSION_START.add(t);
        }
        STATEMENT_START = new IntervalSet(NAME);
        for (int t : new int[] {IF, FOR, WHILE, PARALLEL, WAIT, AWAIT, APPROVE, SET, TRY, FAIL, ASSERT, RUN}) {
            STATEMENT_START.add(t);
            STATEMENT_KEYWORDS.add(t);
        }
        WORDS.add(IDENT);
        for (int t : new int[] {PLUS, MINUS, STAR, SLASH, PERCENT}) {
            OPERATORS.add(t);
        }
    }

    /** An option block: what its options are called and which they are. */
    record OptionBlock(String what, List<Integer> options, List<Integer> unlisted) {
        OptionBlock(String what, List<Integer> options) {
            this(what, options, List.of());
        }

        String names() {
            List<String> out = new ArrayList<>();
            for (int t : options) {
                out.add(literal(t));
            }
            return String.join(", ", out);
        }
    }

    static final List<OptionBlock> OPTION_BLOCKS = List.of(
            // An MCP server's options are accepted where tool options are, but messages about an
            // unknown option of an ordinary tool do not list them.
            new OptionBlock("tool option", List.of(TIMEOUT, SCHEDULE_TO_CLOSE, SCHEDULE_TO_START, HEARTBEAT, RETRY,
                    EFFECT, IDEMPOTENT, APPROVAL, QUEUE), List.of(COMMAND, ENV, URL, HEADERS, TOOL)),
            new OptionBlock("retry option", List.of(ATTEMPTS, BACKOFF, COEFFICIENT, JITTER, NON_RETRYABLE)),
            new OptionBlock("budget option", List.of(TOOL_CALLS, STEPS, DURATION_KW, COST, PRICE)),
            new OptionBlock("`approve` option", List.of(ASK, APPROVERS, TIMEOUT, ON_TIMEOUT)),
            new OptionBlock("`await signal` option", List.of(TIMEOUT, ON_TIMEOUT)));

    private Expected() {
    }

    /** The option block whose options (and `}`) are exactly what is expected, or null. */
    static OptionBlock optionBlock(IntervalSet expected) {
        IntervalSet rest = new IntervalSet(expected);
        rest.remove(RBRACE);
        for (OptionBlock block : OPTION_BLOCKS) {
            IntervalSet options = new IntervalSet();
            block.options().forEach(options::add);
            block.unlisted().forEach(options::add);
            if (rest.equals(options)) {
                return block;
            }
        }
        return null;
    }

    static boolean isWord(int type) {
        return WORDS.contains(type);
    }

    /** The keyword text of a token type without quotes, like {@code timeout}; null for IDENT and others. */
    static String literal(int type) {
        String l = AgentLexer.VOCABULARY.getLiteralName(type);
        return l == null ? null : l.substring(1, l.length() - 1);
    }

    /** "`}`, a name or an expression". */
    static String describe(IntervalSet expected) {
        IntervalSet rest = new IntervalSet(expected);
        List<String> items = new ArrayList<>();
        if (rest.contains(IF) && rest.contains(SET) && rest.contains(IDENT)) {
            items.add("a statement");
            rest = rest.subtract(STATEMENT_START);
        }
        if (rest.contains(NOT) && rest.contains(NUMBER) && rest.contains(DQUOTE)) {
            items.add("an expression");
            rest = rest.subtract(EXPRESSION_START);
        }
        if (rest.contains(IDENT)) {
            items.add("a name");
            rest = rest.subtract(NAME);
        }
        if (rest.contains(DURATION)) {
            items.add("a duration like 30s, 5m or 2h");
            rest.remove(DURATION);
            rest.remove(NUMBER);
            rest.remove(BAD_NUMBER);
        }
        if (rest.contains(DQUOTE)) {
            items.add("a string");
            rest.remove(DQUOTE);
        }
        if (rest.contains(NUMBER)) {
            items.add("a number");
            rest.remove(NUMBER);
        }
        boolean operator = rest.contains(EQ) && rest.contains(PLUS);
        if (operator) {
            rest = rest.subtract(OPERATORS);
            rest.remove(DOT);
            rest.remove(LBRACK);
        }
        boolean end = rest.contains(Token.EOF);
        rest.remove(Token.EOF);
        for (int t : rest.toList()) {
            String l = literal(t);
            if (l != null) {
                items.add("`" + l + "`");
            }
        }
        if (operator) {
            items.add("an operator");
        }
        if (end) {
            items.add("the end of the file");
        }
        if (items.isEmpty()) {
            return "something else";
        }
        if (items.size() > 8) {
            items = new ArrayList<>(items.subList(0, 8));
            items.add("…");
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** The expected keyword closest to {@code word} (by {@link Suggestions#closest}), or null. */
    static String closestKeyword(String word, IntervalSet expected) {
        if (expected.contains(IDENT) || word.length() < 3) {
            return null;
        }
        List<String> keywords = new ArrayList<>();
        for (int t : expected.toList()) {
            String l = literal(t);
            if (l != null && Character.isLetter(l.charAt(0))) {
                keywords.add(l);
            }
        }
        return Suggestions.closest(word, keywords);
    }
}
