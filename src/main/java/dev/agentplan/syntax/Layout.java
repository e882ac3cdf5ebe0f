package dev.agentplan.syntax;

import java.util.List;

/**
 * The canonical text being written: lines with two-space indentation, and the comments of
 * {@link PlanComments} put back at their anchors.
 */
final class Layout {

    static final int MAX_WIDTH = 100;

    private final StringBuilder out = new StringBuilder();
    private final PlanComments comments;

    Layout(PlanComments comments) {
        this.comments = comments == null ? PlanComments.NONE : comments;
    }

    static String indent(int level) {
        return "  ".repeat(level);
    }

    /** Whether {@code text} fits on one line at {@code level}. */
    static boolean fits(int level, String text) {
        return level * 2 + text.length() <= MAX_WIDTH && text.indexOf('\n') < 0;
    }

    void line(int level, String text) {
        if (text.isEmpty()) {
            out.append('\n');
        } else {
            out.append(indent(level)).append(text).append('\n');
        }
    }

    void blank() {
        if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
            out.append('\n');
        }
    }

    /** The comments before an anchor, after an empty line when the text had one there ({@code mayBlank}). */
    void before(String key, int level, boolean mayBlank) {
        if (mayBlank && comments.blankBefore(key)) {
            blank();
        }
        for (String c : comments.before(key)) {
            line(level, c);
        }
    }

    /** Writes an anchor's lines; the anchor's trailing comment goes at the end of the last one. */
    void anchored(String key, int level, List<String> lines) {
        String trailing = comments.after(key);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (i == lines.size() - 1 && trailing != null) {
                l = l + "  " + trailing;
            }
            line(level, l);
        }
    }

    /** The comments before a block's closing brace, one level in from the brace. */
    void end(String key, int level) {
        for (String c : comments.before(key)) {
            line(level, c);
        }
    }

    boolean hasComments(String... keys) {
        for (String k : keys) {
            if (!comments.before(k).isEmpty() || comments.after(k) != null) {
                return true;
            }
        }
        return false;
    }

    String trailing(String key) {
        String c = comments.after(key);
        return c == null ? "" : "  " + c;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
