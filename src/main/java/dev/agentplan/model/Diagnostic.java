package dev.agentplan.model;

/**
 * One finding about a plan: a parse error, a schema violation or a semantic problem.
 *
 * @param code a stable code such as {@code AP104}; see the README's list of codes
 * @param message what is wrong, in the user's words
 * @param span where (file, line, column; for JSON input also the JSON pointer)
 * @param hint how to fix it, or null
 */
public record Diagnostic(Severity severity, String code, String message, SourceSpan span, String hint) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public static Diagnostic error(String code, String message, SourceSpan span, String hint) {
        return new Diagnostic(Severity.ERROR, code, message, span, hint);
    }

    public static Diagnostic warning(String code, String message, SourceSpan span, String hint) {
        return new Diagnostic(Severity.WARNING, code, message, span, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error[AP104]: message} — the first line of the human rendering. */
    public String headline() {
        return span.location() + ": " + severity.label() + "[" + code + "]: " + message;
    }
}
