package dev.agentplan.cli;

import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.validate.PlanValidator;

/** The validator the CLI uses: it knows the built-in tools and any tool plugins on the classpath. */
final class Validators {

    private Validators() {
    }

    static PlanValidator forThisWorker() {
        return new PlanValidator(forThisWorkerKinds());
    }

    static java.util.Collection<dev.agentplan.model.ToolKind> forThisWorkerKinds() {
        return BuiltinTools.withDiscoveredTools().kinds();
    }
}
