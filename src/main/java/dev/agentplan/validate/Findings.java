package dev.agentplan.validate;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics once each (a finally body is checked in two copies) and gives them in source order. */
final class Findings {

    private final List<Diagnostic> found = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    void error(ValidationCodes code, SourceSpan span, String message, String hint) {
        add(Diagnostic.error(code.code, message, span == null ? SourceSpan.NONE : span, hint));
    }

    void warning(ValidationCodes code, SourceSpan span, String message, String hint) {
        add(Diagnostic.warning(code.code, message, span == null ? SourceSpan.NONE : span, hint));
    }

    boolean has(ValidationCodes code) {
        return found.stream().anyMatch(d -> d.code().equals(code.code));
    }

    private void add(Diagnostic d) {
        if (seen.add(d.code() + "|" + d.span().location() + "|" + d.message())) {
            found.add(d);
        }
    }

    /** Every diagnostic, by line and column; equal positions keep the order they were found in. */
    List<Diagnostic> inSourceOrder() {
        List<Diagnostic> out = new ArrayList<>(found);
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().column()));
        return out;
    }
}
