package dev.agentplan.model;

import java.util.Collection;

/**
 * "Did you mean" by edit distance, for every surface that names things (plan text keywords, JSON
 * properties, declared names, MCP tools): the closest known name, if it is close enough to be a typo.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code name}, or null when none is plausibly what was meant: at most
     * one edit for names under 6 characters, two under 9, three beyond. Ties go to the first candidate.
     */
    public static String closest(String name, Collection<String> candidates) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, name.length() / 3));
        for (String c : candidates) {
            if (c == null || c.equals(name)) {
                continue;
            }
            int d = distance(name, c, limit);
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " (did you mean `x`?)" or "". */
    public static String didYouMean(String name, Collection<String> candidates) {
        String c = closest(name, candidates);
        return c == null ? "" : " (did you mean `" + c + "`?)";
    }

    /**
     * Levenshtein distance ignoring case, with adjacent transpositions counted as one edit; stops
     * early (returning {@code limit + 1}) once it exceeds {@code limit}.
     */
    public static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        if (a.length() > 200 || b.length() > 200) {
            return a.equalsIgnoreCase(b) ? 1 : limit + 1;
        }
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = same(a.charAt(i - 1), b.charAt(j - 1)) ? 0 : 1;
                int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && same(a.charAt(i - 1), b.charAt(j - 2)) && same(a.charAt(i - 2), b.charAt(j - 1))) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean same(char x, char y) {
        return Character.toLowerCase(x) == Character.toLowerCase(y);
    }
}
