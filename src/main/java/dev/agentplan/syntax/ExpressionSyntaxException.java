package dev.agentplan.syntax;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;

/**
 * Expression text (or a template string of the JSON form) that cannot be read. The message is in
 * the user's words; {@link #line()} and {@link #column()} are 1-based and relative to the text that
 * was given, {@link #span()} is the same place in the file the text came from.
 */
public final class ExpressionSyntaxException extends RuntimeException {

    private final String code;
    private final String hint;
    private final int line;
    private final int column;
    private final SourceSpan span;

    ExpressionSyntaxException(String code, String message, String hint, int line, int column, SourceSpan span) {
        super(message, null, false, false);
        this.code = code;
        this.hint = hint;
        this.line = line;
        this.column = column;
        this.span = span;
    }

    /** The stable diagnostic code, like {@code AP001}; see {@link SyntaxCodes}. */
    public String code() {
        return code;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Where in the file (the origin given to the parse call, shifted to the error). */
    public SourceSpan span() {
        return span;
    }

    public Diagnostic toDiagnostic() {
        return Diagnostic.error(code, getMessage(), span, hint);
    }
}
