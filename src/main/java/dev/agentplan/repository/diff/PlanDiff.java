package dev.agentplan.repository.diff;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolKind;
import dev.agentplan.validate.bounds.Bounds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic diff of two plans: compares models, never text, so formatting, comments, key order
 * and the plan's form (.agent or JSON) never show up. Steps are matched by binding name and kind,
 * then by position within the same body (see {@link StepMatcher}).
 */
public final class PlanDiff {

    private final Map<String, ToolKind> kinds = new LinkedHashMap<>();

    /** A diff that knows these tool kinds (for default effects and approval rules). */
    public PlanDiff(Collection<ToolKind> toolKinds) {
        toolKinds.forEach(k -> kinds.put(k.name(), k));
    }

    /** Compares with the built-in tool kinds. */
    public static DiffReport compare(AgentDefinition a, AgentDefinition b) {
        return new PlanDiff(BuiltinToolKinds.all().values()).diff(a, b);
    }

    /** Convenience for {@code report.compatibleAt(pausedAtStepPath)}. */
    public static StepVerdict compatibleAt(DiffReport report, String pausedAtStepPath) {
        return report.compatibleAt(pausedAtStepPath);
    }

    public DiffReport diff(AgentDefinition a, AgentDefinition b) {
        StepMatcher matcher = new StepMatcher(a.steps(), b.steps());
        List<Change> changes = new ArrayList<>(DeclarationChanges.header(a, b));
        changes.addAll(StepChanges.of(matcher));
        changes.addAll(DeclarationChanges.output(a, b));
        List<Risk> risks = RiskAnalysis.of(a, b, matcher, kinds);
        Map<String, StepVerdict> verdicts = Compatibility.of(a, b, matcher.a, matcher.b);
        return new DiffReport(a.name(), b.name(), changes, risks, verdicts,
                unpairedGates(matcher.b, matcher.bToA), unpairedGates(matcher.a, matcher.aToB),
                BoundsDiff.of(Bounds.of(a), Bounds.of(b)));
    }

    private static List<String> unpairedGates(StepTree tree, Map<String, String> paired) {
        List<String> out = new ArrayList<>();
        for (StepTree.Node n : tree.preOrder) {
            if (n.step() instanceof Step.ApproveStep gate && !paired.containsKey(n.path())) {
                out.add(gate.name());
            }
        }
        return out;
    }
}
