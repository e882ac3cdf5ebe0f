package dev.agentplan.syntax;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import java.util.List;

/**
 * What reading a plan gives: the model (null when the input was too broken to build one) and
 * every diagnostic found while reading it.
 */
public record ParseResult(AgentDefinition definition, List<Diagnostic> diagnostics) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
