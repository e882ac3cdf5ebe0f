package dev.agentplan.repository.diff;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ToolPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tool calls of a plan with the approval gates that always come before them. A gate covers
 * the steps after it in its own body and everything nested there; it does not cover steps after
 * the body it is in (a branch, a loop body that may run zero times, a lane, a try body that may
 * fail before reaching it). A gate that approves itself on timeout covers nothing.
 */
final class CallSites {

    /**
     * @param gates names of the approval gates that dominate the call
     * @param needsApproval whether the tool's policy and kind demand a gate before each call
     */
    record Site(String path, String tool, Set<String> gates, boolean needsApproval, String why) {
        boolean ungated() {
            return needsApproval && gates.isEmpty();
        }
    }

    private final AgentDefinition plan;
    private final Map<String, ToolKind> kinds;
    final Map<String, Site> byPath = new LinkedHashMap<>();

    CallSites(AgentDefinition plan, Map<String, ToolKind> kinds) {
        this.plan = plan;
        this.kinds = kinds;
        walk(plan.steps(), "", Set.of());
    }

    private void walk(List<Step> steps, String prefix, Set<String> covering) {
        Set<String> gates = new LinkedHashSet<>(covering);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String path = StepPaths.child(prefix, i);
            if (step instanceof Step.CallStep call) {
                String tool = call.call().tool();
                byPath.put(path, new Site(path, tool, Set.copyOf(gates), needsApproval(tool), why(tool)));
            }
            Set<String> inner = Set.copyOf(gates);
            Bodies.of(step).forEach((name, body) -> walk(body, StepPaths.body(path, name), inner));
            if (step instanceof Step.ApproveStep gate && gate.onTimeout() != Step.ApprovalTimeout.APPROVE) {
                gates.add(gate.name());
            }
        }
    }

    boolean needsApproval(String toolName) {
        ToolDecl decl = plan.tool(toolName);
        if (decl == null) {
            return false; // an undeclared tool fails validation; nothing to compare
        }
        ToolPolicy policy = plan.effectivePolicy(decl);
        ToolKind kind = kinds.get(decl.kind());
        if (kind != null) {
            return kind.needsApproval(policy);
        }
        return switch (policy.approval()) {
            case REQUIRED -> true;
            case NONE -> false;
            case DEFAULT -> policy.effect() == Effect.IRREVERSIBLE;
        };
    }

    /** The effect a tool's calls have: its policy's, else its kind's default, else read. */
    Effect effect(String toolName) {
        ToolDecl decl = plan.tool(toolName);
        if (decl == null) {
            return Effect.READ;
        }
        Effect declared = plan.effectivePolicy(decl).effect();
        if (declared != null) {
            return declared;
        }
        ToolKind kind = kinds.get(decl.kind());
        return kind == null ? Effect.READ : kind.defaultEffect();
    }

    /** Why a tool needs approval, for messages: {@code irreversible}, {@code approval required}, {@code exec}. */
    String why(String toolName) {
        ToolDecl decl = plan.tool(toolName);
        if (decl == null || !needsApproval(toolName)) {
            return null;
        }
        if (effect(toolName) == Effect.IRREVERSIBLE) {
            return "irreversible";
        }
        if (plan.effectivePolicy(decl).approval() == dev.agentplan.model.ApprovalRequirement.REQUIRED) {
            return "approval required";
        }
        return decl.kind() + " needs approval by default";
    }

    List<Site> ungated() {
        List<Site> out = new ArrayList<>();
        byPath.values().forEach(s -> {
            if (s.ungated()) {
                out.add(s);
            }
        });
        return out;
    }
}
