package dev.agentplan.syntax;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import java.util.List;

/**
 * What reading a plan gives: the model (null when the input was too broken to build one), every
 * diagnostic found while reading it, and the comments of the text (empty for the JSON form), which
 * are not part of the model but are kept so formatting does not lose them.
 */
public record ParseResult(AgentDefinition definition, List<Diagnostic> diagnostics, PlanComments comments) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        comments = comments == null ? PlanComments.NONE : comments;
    }

    public ParseResult(AgentDefinition definition, List<Diagnostic> diagnostics) {
        this(definition, diagnostics, PlanComments.NONE);
    }

    public boolean hasErrors() {
        return definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
