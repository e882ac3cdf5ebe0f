package dev.agentplan.model;

/**
 * Where a model node came from: a file, a 1-based line and column range, and for JSON input the
 * JSON pointer of the node. Spans never take part in equality, so two plans that mean the same
 * thing are equal wherever they were written (text, JSON, or built in code).
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn, String pointer) {

    public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0, "");

    public SourceSpan {
        file = file == null ? "" : file;
        pointer = pointer == null ? "" : pointer;
    }

    public static SourceSpan of(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column, "");
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:col}, the form editors and terminals turn into links. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceSpan;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return isKnown() ? location() : "<unknown>";
    }
}
