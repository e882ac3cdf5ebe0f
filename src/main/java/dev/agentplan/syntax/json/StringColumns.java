package dev.agentplan.syntax.json;

import dev.agentplan.model.SourceSpan;

/**
 * Maps positions inside the decoded text of a JSON string back to the file: a JSON string sits
 * on one line, but escapes ({@code \"}, {@code \n}, {@code \u00e9}) make decoded and written
 * columns differ, and a decoded {@code \n} starts a new "line" for the expression parser.
 */
final class StringColumns {

    private final String file;
    private final String pointer;
    private final int line;
    /** Column in the file of each decoded char; one extra entry for the end position. */
    private final int[] columns;
    /** Decoded index where each line of the decoded text starts. */
    private final int[] lineStarts;
    private final String decoded;

    private StringColumns(String file, String pointer, int line, int[] columns, int[] lineStarts, String decoded) {
        this.decoded = decoded;
        this.file = file;
        this.pointer = pointer;
        this.line = line;
        this.columns = columns;
        this.lineStarts = lineStarts;
    }

    /**
     * @param source the whole JSON text
     * @param quoteOffset char offset of the string's opening quote in {@code source}
     * @param quoteLine the quote's 1-based line
     * @param quoteColumn the quote's 1-based column
     * @param decoded the string's value
     */
    static StringColumns of(String file, String pointer, String source, long quoteOffset, int quoteLine,
                            int quoteColumn, String decoded) {
        int n = decoded.length();
        int[] columns = new int[n + 1];
        int raw = (int) quoteOffset + 1;
        int column = quoteColumn + 1;
        boolean aligned = quoteOffset >= 0 && quoteOffset < source.length() && source.charAt((int) quoteOffset) == '"';
        for (int i = 0; i < n; i++) {
            columns[i] = column;
            int width = 1;
            if (aligned && raw < source.length() && source.charAt(raw) == '\\' && raw + 1 < source.length()) {
                width = source.charAt(raw + 1) == 'u' ? 6 : 2;
            }
            raw += width;
            column += width;
        }
        columns[n] = column;
        int lines = 1;
        for (int i = 0; i < n; i++) {
            if (decoded.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] starts = new int[lines];
        for (int i = 0, l = 1; i < n; i++) {
            if (decoded.charAt(i) == '\n') {
                starts[l++] = i + 1;
            }
        }
        return new StringColumns(file, pointer, quoteLine, columns, starts, decoded);
    }

    /** The file position of a 1-based (line, column) in the decoded text; columns count code points. */
    SourceSpan at(int innerLine, int innerColumn) {
        int column = columns[index(innerLine, innerColumn)];
        return new SourceSpan(file, line, column, line, column, pointer);
    }

    /** The whole JSON string token, quotes included. */
    SourceSpan whole() {
        return new SourceSpan(file, line, columns[0] - 1, line, columns[columns.length - 1] + 1, pointer);
    }

    /**
     * Where the decoded text starts in the file: the expression parser shifts its spans by this
     * origin (so its messages name file columns), and {@link #toFile} shifts them back before
     * mapping exactly, escapes included.
     */
    SourceSpan origin() {
        return new SourceSpan(file, line, columns[0], line, columns[0], pointer);
    }

    /** A span the expression parser reported (shifted by {@link #origin()}) as an exact file span. */
    SourceSpan toFile(SourceSpan inner) {
        if (inner == null || !inner.isKnown()) {
            return new SourceSpan(file, line, columns[0], line, columns[columns.length - 1], pointer);
        }
        int start = columns[index(relativeLine(inner.line()), relativeColumn(inner.line(), inner.column()))];
        int end = columns[index(relativeLine(inner.endLine()), relativeColumn(inner.endLine(), inner.endColumn()))];
        return new SourceSpan(file, line, start, line, Math.max(start, end), pointer);
    }

    /** Undoes the parser's shift by {@link #origin()}: lines count from the string's line, the first line's columns from its content. */
    private int relativeLine(int fileLine) {
        return fileLine - line + 1;
    }

    private int relativeColumn(int fileLine, int fileColumn) {
        return fileLine == line ? fileColumn - columns[0] + 1 : fileColumn;
    }

    private int index(int innerLine, int innerColumn) {
        int l = Math.min(Math.max(innerLine, 1), lineStarts.length) - 1;
        int i = lineStarts[l];
        for (int step = 1; step < innerColumn && i < decoded.length(); step++) {
            i += Character.charCount(decoded.codePointAt(i));
        }
        return Math.min(i, columns.length - 1);
    }
}
