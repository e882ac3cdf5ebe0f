package dev.agentplan.validate.flow;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;

/**
 * What a declared tool does once its policy is inherited: the plan's defaults first, then the
 * kind's defaults (effect, approval) and the {@link ResolvedToolPolicy} (the retry bound).
 *
 * @param kind the tool's kind, or null when no worker provides it
 * @param attempts the most attempts one call makes ({@link ResolvedToolPolicy#maxAttempts})
 */
public record ToolFacts(ToolDecl decl, ToolKind kind, ToolPolicy effective, Effect effect, boolean idempotent,
                        int attempts, boolean needsApproval) {

    public static ToolFacts of(AgentDefinition definition, ToolDecl decl, ToolKind kind) {
        ToolPolicy effective = definition.effectivePolicy(decl);
        Effect effect = effective.effect() != null ? effective.effect()
                : kind != null ? kind.defaultEffect() : Effect.READ;
        boolean idempotent = Boolean.TRUE.equals(effective.idempotent());
        int attempts = ResolvedToolPolicy.of(effective).maxAttempts();
        boolean approval = kind != null ? kind.needsApproval(effective)
                : effective.approval() == ApprovalRequirement.REQUIRED
                        || effective.approval() == ApprovalRequirement.DEFAULT && effect == Effect.IRREVERSIBLE;
        return new ToolFacts(decl, kind, effective, effect, idempotent, attempts, approval);
    }

    /** Why calls of this tool need an approval gate, in the user's words ("is irreversible"). */
    public String approvalReason() {
        if (effective.approval() == ApprovalRequirement.REQUIRED) {
            return "is declared `approval required`";
        }
        if (effect == Effect.IRREVERSIBLE) {
            return "is irreversible";
        }
        return "is of kind `" + decl.kind() + "`, which needs approval unless the tool says `approval none`";
    }
}
