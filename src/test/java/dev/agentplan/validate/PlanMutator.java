package dev.agentplan.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutations of plan text for the fuzz test, driven by one seeded {@link Random} so a case can be
 * replayed from its seed: token deletions, insertions, swaps and duplications, truncation, random
 * bytes and Unicode, deep nesting and very long lines.
 */
final class PlanMutator {

    /** Words, strings, numbers with units, and single symbols; white space is kept as its own token. */
    private static final Pattern TOKEN = Pattern.compile(
            "\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"?|[A-Za-z_][A-Za-z0-9_.]*+|[0-9]++[a-z]*+|\\s++|&&|\\|\\||==|!=|<=|>=|\\.\\.|\\$\\{|.",
            Pattern.DOTALL);

    private static final String[] VOCABULARY = {
        "agent", "input", "tools", "budget", "output", "if", "else", "for", "each", "in", "while", "max", "parallel",
        "all", "first", "lane", "wait", "await", "signal", "approve", "set", "try", "catch", "finally", "fail", "run",
        "defaults", "timeout", "retry", "attempts", "backoff", "effect", "irreversible", "write", "idempotent",
        "approval", "required", "none", "key", "undo", "on_timeout", "approve", "reject", "continue", "ask",
        "approvers", "true", "false", "null", "{", "}", "(", ")", "[", "]", ",", ":", ".", "..", "=", "==", "!=",
        "<", ">", "+", "-", "*", "/", "%", "!", "&&", "||", "@", "\"", "\"${", "${", "#", "\n", "0", "1", "-1",
        "0s", "10m", "99999999999999999999", "1e999", "1.5", "x", "input.x", "length(", "now()", "\"a\"", "\\",
        "\"\"\"", "{}", "[]", "exec", "http", "echo", "llm.chat", "sleep", "restart", "evidence", "issue", "r"
    };

    private static final String[] UNICODE = {
        "é", "ß", "中文", "𝔘", "😀", "\u200B", "\u202E", "\u0301", "\uFEFF", "\u00A0", "\u2028", "\uD800", "\uDFFF",
        "\u0000", "\u0007", "\r", "\t", "\u000B", "\u001B[31m", "İ", "ﬁ", "Ω", "\uFFFD", "\uFFFF"
    };

    private final Random random;

    PlanMutator(Random random) {
        this.random = random;
    }

    /**
     * One to three mutations of {@code text}. Four cases in ten only move lines and rename words,
     * which mostly keeps the plan readable, so the validator gets to check it.
     */
    String mutate(String text) {
        String out = text;
        boolean semantic = random.nextInt(10) < 4;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            out = semantic ? (random.nextBoolean() ? lines(out) : rename(out)) : once(out);
        }
        return out;
    }

    private String once(String text) {
        int pick = random.nextInt(100);
        if (pick < 15) {
            return deleteTokens(text);
        }
        if (pick < 30) {
            return insertToken(text);
        }
        if (pick < 38) {
            return swapTokens(text);
        }
        if (pick < 45) {
            return duplicateTokens(text);
        }
        if (pick < 52) {
            return text.substring(0, random.nextInt(text.length() + 1));
        }
        if (pick < 59) {
            return insertAt(text, randomBytes());
        }
        if (pick < 66) {
            return insertAt(text, randomUnicode());
        }
        if (pick < 70) {
            return deepNesting(text);
        }
        if (pick < 72) {
            return longLine(text);
        }
        if (pick < 86) {
            return lines(text);
        }
        return rename(text);
    }

    /** Deletes, duplicates, swaps or moves whole lines: plans often stay readable, so the checks get to run. */
    private String lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.size() < 2) {
            return text;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        switch (random.nextInt(4)) {
            case 0 -> lines.remove(a);
            case 1 -> lines.add(b, lines.get(a));
            case 2 -> {
                String x = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, x);
            }
            default -> lines.add(b, lines.remove(a));
        }
        return String.join("\n", lines);
    }

    /** Replaces a word with another word of the same plan: undefined names, wrong tools, clashes. */
    private String rename(String text) {
        List<String> t = tokens(text);
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (Character.isLetter(t.get(i).charAt(0)) || t.get(i).charAt(0) == '_') {
                words.add(i);
            }
        }
        if (words.size() < 2) {
            return text;
        }
        int at = words.get(random.nextInt(words.size()));
        t.set(at, t.get(words.get(random.nextInt(words.size()))));
        return String.join("", t);
    }

    private List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private String deleteTokens(String text) {
        List<String> t = tokens(text);
        if (t.isEmpty()) {
            return text;
        }
        int at = random.nextInt(t.size());
        int n = 1 + (random.nextInt(4) == 0 ? random.nextInt(8) : 0);
        for (int i = 0; i < n && at < t.size(); i++) {
            t.remove(at);
        }
        return String.join("", t);
    }

    private String insertToken(String text) {
        List<String> t = tokens(text);
        String word = random.nextBoolean() || t.isEmpty() ? VOCABULARY[random.nextInt(VOCABULARY.length)]
                : t.get(random.nextInt(t.size()));
        String spaced = random.nextBoolean() ? " " + word + " " : word;
        t.add(t.isEmpty() ? 0 : random.nextInt(t.size() + 1), spaced);
        return String.join("", t);
    }

    private String swapTokens(String text) {
        List<String> t = tokens(text);
        if (t.size() < 2) {
            return text;
        }
        int a = random.nextInt(t.size());
        int b = random.nextInt(t.size());
        String x = t.get(a);
        t.set(a, t.get(b));
        t.set(b, x);
        return String.join("", t);
    }

    private String duplicateTokens(String text) {
        List<String> t = tokens(text);
        if (t.isEmpty()) {
            return text;
        }
        int from = random.nextInt(t.size());
        int to = Math.min(t.size(), from + 1 + random.nextInt(40));
        List<String> copy = new ArrayList<>(t.subList(from, to));
        int times = 1 + random.nextInt(3);
        int at = random.nextInt(t.size() + 1);
        for (int i = 0; i < times; i++) {
            t.addAll(at, copy);
        }
        return String.join("", t);
    }

    private String insertAt(String text, String piece) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + piece + text.substring(at);
    }

    private String randomBytes() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(16);
        for (int i = 0; i < n; i++) {
            s.append((char) random.nextInt(256));
        }
        return s.toString();
    }

    private String randomUnicode() {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                s.append(UNICODE[random.nextInt(UNICODE.length)]);
            } else {
                int cp = random.nextInt(Character.MAX_CODE_POINT + 1);
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    /** Thousands of brackets, braces or nested statements at a random point. */
    private String deepNesting(String text) {
        int depth = 100 + random.nextInt(4900);
        String[][] shapes = {
            {"(", ")"}, {"[", "]"}, {"{", "}"}, {"if true { ", " }"}, {"-", ""}, {"!", ""}, {"\"${", "}\""},
            {"try { ", " } finally { set z = 1 }"}, {"for each i in [1] { ", " }"}, {"{a: ", "}"},
        };
        String[] shape = shapes[random.nextInt(shapes.length)];
        boolean balanced = random.nextBoolean();
        String core = random.nextBoolean() ? "1" : "set q = 1";
        String nested = shape[0].repeat(depth) + core + (balanced ? shape[1].repeat(depth) : "");
        return insertAt(text, nested);
    }

    /** A line of tens of thousands of characters: a long name, string, list or sum. */
    private String longLine(String text) {
        int n = 5_000 + random.nextInt(60_000);
        String piece = switch (random.nextInt(5)) {
            case 0 -> "set " + "x".repeat(n) + " = 1\n";
            case 1 -> "set s = \"" + "a".repeat(n) + "\"\n";
            case 2 -> "set l = [" + "1, ".repeat(n / 3) + "1]\n";
            case 3 -> "set t = " + "1 + ".repeat(n / 4) + "1\n";
            default -> "# " + "c".repeat(n) + "\n";
        };
        return insertAt(text, piece);
    }
}
