package dev.agentplan.validate;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.ToolKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Semantic checks on a parsed plan (after the grammar and, for JSON, the schema): names,
 * references, types visible statically, safety rules proven on the control-flow graph,
 * reachability, durations and budgets.
 */
public final class PlanValidator {

    private final Collection<ToolKind> kinds;

    /** A validator that knows the given tool kinds (the built-ins plus any plugins on the classpath). */
    public PlanValidator(Collection<ToolKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    public static PlanValidator withBuiltinTools() {
        return new PlanValidator(BuiltinToolKinds.all().values());
    }

    /** Every finding, errors and warnings, in source order. */
    public List<Diagnostic> validate(AgentDefinition definition) {
        List<Diagnostic> out = new ArrayList<>();
        // The semantic checks land here (see the validation issue).
        return out;
    }

    public Collection<ToolKind> kinds() {
        return kinds;
    }
}
