package dev.agentplan.syntax;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the diagnostics of one read. Reports at a position that already has an error are
 * dropped (one problem, one message), and after {@link #MAX_ERRORS} errors the read is stopped,
 * so garbage input cannot produce an endless report.
 */
final class DiagnosticSink {

    static final int MAX_ERRORS = 100;

    /** Thrown to abandon a read that has reported too many errors; caught by the reader. */
    static final class TooManyErrors extends RuntimeException {
        TooManyErrors() {
            super(null, null, false, false);
        }
    }

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<String> positions = new HashSet<>();
    private int errors;

    void error(SyntaxCodes code, SourceSpan span, String message, String hint) {
        if (!positions.add(span.line() + ":" + span.column())) {
            return;
        }
        if (errors == MAX_ERRORS) {
            errors++;
            diagnostics.add(Diagnostic.error(SyntaxCodes.TOO_MANY_ERRORS.code,
                    "too many errors; stopped after the first " + MAX_ERRORS, span,
                    "fix the errors above and read the file again"));
            throw new TooManyErrors();
        }
        errors++;
        diagnostics.add(Diagnostic.error(code.code, message, span, hint));
    }

    /** Whether some part was too deep or too large to build safely: then there must be no model. */
    boolean hasUnsafeInput() {
        for (Diagnostic d : diagnostics) {
            if (d.code().equals(SyntaxCodes.TOO_DEEP.code) || d.code().equals(SyntaxCodes.TOO_LARGE.code)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStop(Diagnostic d) {
        return d.code().equals(SyntaxCodes.TOO_MANY_ERRORS.code);
    }

    boolean hasErrors() {
        return errors > 0;
    }

    int errorCount() {
        return errors;
    }

    List<Diagnostic> diagnostics() {
        List<Diagnostic> sorted = new ArrayList<>(diagnostics);
        // In file order; the "too many errors" note stays last.
        sorted.sort((a, b) -> isStop(a) != isStop(b) ? Boolean.compare(isStop(a), isStop(b))
                : a.span().line() != b.span().line() ? Integer.compare(a.span().line(), b.span().line())
                : Integer.compare(a.span().column(), b.span().column()));
        return sorted;
    }
}
