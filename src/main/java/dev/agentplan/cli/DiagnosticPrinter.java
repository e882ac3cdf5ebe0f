package dev.agentplan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import java.util.List;

/**
 * Renders diagnostics the way compilers do: {@code file:line:col: error[AP104]: message}, the
 * offending line with a caret under the column, and a hint; or as JSON for machines.
 */
public final class DiagnosticPrinter {

    private static final int MAX_SHOWN_LINE = 160;

    private DiagnosticPrinter() {
    }

    /** Human rendering; {@code sourceText} is the file's text (may be null when unreadable). */
    public static void print(Terminal term, List<Diagnostic> diagnostics, String sourceText) {
        String[] lines = sourceText == null ? new String[0] : sourceText.split("\r?\n", -1);
        for (Diagnostic d : diagnostics) {
            SourceSpan s = d.span();
            String label = d.isError() ? term.red("error[" + d.code() + "]") : term.yellow("warning[" + d.code() + "]");
            String where = s.isKnown() ? s.location() : s.file();
            String pointer = s.pointer().isEmpty() ? "" : " (at " + s.pointer() + ")";
            term.out().println(term.bold(where) + ": " + label + ": " + d.message() + pointer);
            if (s.isKnown() && s.line() <= lines.length) {
                String line = lines[s.line() - 1].replace('\t', ' ');
                int col = Math.max(1, s.column());
                if (line.length() > MAX_SHOWN_LINE) {
                    int start = Math.max(0, Math.min(col - 1 - MAX_SHOWN_LINE / 2, line.length() - MAX_SHOWN_LINE));
                    line = line.substring(start, Math.min(line.length(), start + MAX_SHOWN_LINE));
                    col = col - start;
                }
                String gutter = String.valueOf(s.line());
                String pad = " ".repeat(gutter.length());
                term.out().println(term.dim(pad + " |"));
                term.out().println(term.dim(gutter + " | ") + sanitise(line));
                int width = caretWidth(s, line, col);
                term.out().println(term.dim(pad + " | ") + " ".repeat(Math.max(0, col - 1))
                        + (d.isError() ? term.red("^".repeat(width)) : term.yellow("^".repeat(width))));
            }
            if (d.hint() != null && !d.hint().isBlank()) {
                term.out().println("  " + term.cyan("hint:") + " " + d.hint());
            }
        }
    }

    private static int caretWidth(SourceSpan s, String line, int col) {
        if (s.endLine() == s.line() && s.endColumn() > s.column()) {
            return Math.max(1, Math.min(s.endColumn() - s.column(), line.length() - col + 2));
        }
        return 1;
    }

    /** Control characters from a binary file would garble the terminal. */
    private static String sanitise(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '\uFFFD' : cp));
        return b.toString();
    }

    public static ObjectNode toJson(ObjectMapper mapper, Diagnostic d) {
        ObjectNode n = mapper.createObjectNode();
        SourceSpan s = d.span();
        n.put("severity", d.severity().label());
        n.put("code", d.code());
        n.put("message", d.message());
        n.put("file", s.file());
        if (s.isKnown()) {
            n.put("line", s.line());
            n.put("column", s.column());
            n.put("end_line", s.endLine());
            n.put("end_column", s.endColumn());
        }
        if (!s.pointer().isEmpty()) {
            n.put("pointer", s.pointer());
        }
        if (d.hint() != null) {
            n.put("hint", d.hint());
        }
        return n;
    }

    public static ArrayNode toJson(ObjectMapper mapper, List<Diagnostic> diagnostics) {
        ArrayNode a = mapper.createArrayNode();
        diagnostics.forEach(d -> a.add(toJson(mapper, d)));
        return a;
    }
}
