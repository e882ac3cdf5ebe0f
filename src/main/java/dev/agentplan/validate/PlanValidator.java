package dev.agentplan.validate;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.ToolKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic checks on a parsed plan (after the grammar and, for JSON, the schema): names,
 * references, types visible statically, safety rules proven on the control-flow graph,
 * reachability, durations and budgets. Codes and their meanings are in {@link ValidationCodes}.
 */
public final class PlanValidator {

    private final Collection<ToolKind> kinds;
    private final Map<String, ToolKind> byName = new LinkedHashMap<>();

    /** A validator that knows the given tool kinds (the built-ins plus any plugins on the classpath). */
    public PlanValidator(Collection<ToolKind> kinds) {
        this.kinds = List.copyOf(kinds);
        for (ToolKind k : this.kinds) {
            byName.putIfAbsent(k.name(), k);
        }
    }

    public static PlanValidator withBuiltinTools() {
        return new PlanValidator(BuiltinToolKinds.all().values());
    }

    /** Every finding, errors and warnings, in source order. */
    public List<Diagnostic> validate(AgentDefinition definition) {
        Findings out = new Findings();
        PlanFacts facts = new PlanFacts(definition, byName);
        new DeclarationChecks(facts, out).run();
        new PolicyChecks(facts, out).run();
        new DurationChecks(facts, out).run();
        new StepChecks(facts, out).run();
        new ModelLoopChecks(facts, out).run();
        new HandlerChecks(facts, out).run();
        if (facts.analysed) {
            new ExpressionChecks(facts, out).run();
            new SecretChecks(facts, out).run();
            new ApprovalChecks(facts, out).run();
            new ScopeChecks(facts, out).run();
            new ReachabilityChecks(facts, out).run();
            new BudgetChecks(facts, out).run();
        } else {
            out.error(ValidationCodes.PLAN_TOO_LARGE, definition.span(), "the plan has " + facts.statements
                            + " steps, more than one run's history can hold (at most " + PlanFacts.MAX_STATEMENTS
                            + "), so its references, approvals and budgets were not checked",
                    "split the work into smaller agents and start them with `run`, or loop over data instead of "
                            + "repeating steps");
        }
        return out.inSourceOrder();
    }

    public Collection<ToolKind> kinds() {
        return kinds;
    }
}
