package dev.agentplan.repository.diff;

import dev.agentplan.repository.DefinitionRepository;
import dev.agentplan.repository.StoredDefinition;

/** Diffs of deployed versions by ref ({@code triage@1}, {@code triage@prod}, {@code triage}), labelled {@code name@version}. */
public final class DeployedDiff {

    private DeployedDiff() {
    }

    public static DiffReport compare(DefinitionRepository repository, String fromRef, String toRef) {
        StoredDefinition from = repository.resolve(fromRef);
        StoredDefinition to = repository.resolve(toRef);
        return PlanDiff.compare(from.plan(), to.plan()).withLabels(from.version().ref(), to.version().ref());
    }
}
