package dev.agentplan.compile;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import java.util.List;

/**
 * One plan file, read and checked once: the definition, its canonical JSON and that text's
 * sha256 (null when there are errors), and every diagnostic (syntax, schema, semantics) in source order.
 *
 * @param parsedCleanly whether reading found no errors (semantic checks ran only then)
 */
public record CompiledPlan(String fileName, AgentDefinition definition, String canonicalJson, String sha256,
                           List<Diagnostic> diagnostics, boolean parsedCleanly) {

    public CompiledPlan {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
