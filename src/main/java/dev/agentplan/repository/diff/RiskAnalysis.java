package dev.agentplan.repository.diff;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ResolvedToolPolicy;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.repository.diff.Risk.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The changes a reviewer must not miss: safety gates lost, tools made more dangerous, limits loosened. */
final class RiskAnalysis {

    /** Attempts at or above this many, raised from fewer, look unbounded. */
    static final int MANY_ATTEMPTS = 100;

    private final AgentDefinition a;
    private final AgentDefinition b;
    private final StepMatcher matcher;
    private final CallSites sitesA;
    private final CallSites sitesB;
    private final List<Risk> out = new ArrayList<>();

    private RiskAnalysis(AgentDefinition a, AgentDefinition b, StepMatcher matcher, Map<String, ToolKind> kinds) {
        this.a = a;
        this.b = b;
        this.matcher = matcher;
        this.sitesA = new CallSites(a, kinds);
        this.sitesB = new CallSites(b, kinds);
    }

    static List<Risk> of(AgentDefinition a, AgentDefinition b, StepMatcher matcher, Map<String, ToolKind> kinds) {
        RiskAnalysis r = new RiskAnalysis(a, b, matcher, kinds);
        r.gates();
        r.tools();
        r.budget();
        return r.out;
    }

    private void gates() {
        // Gates of A that are gone (or no longer gates) in B, with the calls each one protected.
        Map<String, String> lostGates = new LinkedHashMap<>(); // name -> path in A
        for (StepTree.Node na : matcher.a.preOrder) {
            if (!(na.step() instanceof Step.ApproveStep gate) || gate.onTimeout() == Step.ApprovalTimeout.APPROVE) {
                continue;
            }
            String pathB = matcher.aToB.get(na.path());
            if (pathB == null) {
                lostGates.put(gate.name(), na.path());
            } else if (matcher.b.get(pathB).step() instanceof Step.ApproveStep gateB
                    && gateB.onTimeout() == Step.ApprovalTimeout.APPROVE) {
                out.add(new Risk(Kind.APPROVAL_GATE_AUTO_APPROVES, pathB, "approval gate " + gate.name()
                        + " now approves by itself when nobody answers in " + Text.duration(gateB.timeout())
                        + " (on_timeout approve)"));
            }
        }
        Map<String, Set<String>> exposedBy = new LinkedHashMap<>();
        lostGates.keySet().forEach(g -> exposedBy.put(g, new LinkedHashSet<>()));
        List<CallSites.Site> unattributed = new ArrayList<>();
        for (CallSites.Site site : sitesB.ungated()) {
            String pathA = matcher.bToA.get(site.path());
            CallSites.Site before = pathA == null ? null : sitesA.byPath.get(pathA);
            if (before != null && before.ungated()) {
                continue; // it was already reachable without approval
            }
            boolean attributed = false;
            if (before != null) {
                for (String gate : before.gates()) {
                    if (exposedBy.containsKey(gate)) {
                        exposedBy.get(gate).add(site.tool() + " (" + site.why() + ")");
                        attributed = true;
                    }
                }
            }
            if (!attributed) {
                unattributed.add(site);
            }
        }
        lostGates.forEach((gate, path) -> {
            Set<String> tools = exposedBy.get(gate);
            String consequence = tools.isEmpty() ? "" : "; " + String.join(", ", tools)
                    + (tools.size() == 1 ? " is" : " are") + " now reachable without approval";
            out.add(new Risk(Kind.APPROVAL_GATE_REMOVED, path, "approval gate " + gate + " removed" + consequence));
        });
        for (CallSites.Site site : unattributed) {
            out.add(new Risk(Kind.UNGATED_CALL, site.path(), "step " + site.path() + " calls " + site.tool()
                    + " (" + site.why() + ") without an approval gate before it"));
        }
    }

    private void tools() {
        for (ToolDecl tb : b.tools()) {
            ToolDecl ta = a.tool(tb.name());
            if (ta == null) {
                continue;
            }
            String name = tb.name();
            if (sitesA.needsApproval(name) && !sitesB.needsApproval(name)) {
                out.add(new Risk(Kind.TOOL_SAFETY_LOWERED, null, "tool " + name + " no longer needs approval"
                        + " (approval " + Text.value(b.effectivePolicy(tb).approval()) + ")"));
            }
            Effect ea = sitesA.effect(name);
            Effect eb = sitesB.effect(name);
            if (eb.ordinal() < ea.ordinal()) {
                out.add(new Risk(Kind.TOOL_SAFETY_LOWERED, null, "tool " + name + " is now declared "
                        + eb.keyword() + " instead of " + ea.keyword() + ", so fewer safety checks apply"));
            }
            Integer attemptsA = attempts(a, ta);
            Integer attemptsB = attempts(b, tb);
            if (raisedALot(attemptsA, attemptsB)) {
                out.add(new Risk(Kind.RETRIES_RAISED, null, "tool " + name + " retries "
                        + (attemptsB == 0 ? "without limit" : attemptsB + " times") + " (was "
                        + (attemptsA == null ? "the default" : attemptsA) + ")"
                        + (eb == Effect.READ ? "" : "; it has effect " + eb.keyword())));
            }
        }
    }

    /** The attempts the plan wrote, or null for the default. */
    private static Integer attempts(AgentDefinition plan, ToolDecl tool) {
        return ResolvedToolPolicy.of(plan, tool).explicitAttempts();
    }

    /** 0 attempts means unlimited to Temporal; otherwise tripled and up by at least 5, or 100+ from fewer. */
    static boolean raisedALot(Integer before, Integer after) {
        if (after == null || after.equals(before)) {
            return false;
        }
        if (after == 0) {
            return true;
        }
        if (before == null || before == 0) {
            return before == null && after >= MANY_ATTEMPTS;
        }
        return after >= MANY_ATTEMPTS || (after >= 3 * before && after - before >= 5);
    }

    private void budget() {
        Map<String, Object> fa = DeclarationChanges.budgetFields(a.budget());
        Map<String, Object> fb = DeclarationChanges.budgetFields(b.budget());
        fa.forEach((field, va) -> {
            Object vb = fb.get(field);
            if (va != null && (vb == null || larger(vb, va))) {
                out.add(new Risk(Kind.BUDGET_LOOSENED, null, "budget " + field + " loosened: "
                        + DeclarationChanges.limit(va) + " → " + DeclarationChanges.limit(vb)));
            }
        });
    }

    private static boolean larger(Object x, Object y) {
        if (x instanceof Integer i && y instanceof Integer j) {
            return i > j;
        }
        if (x instanceof Duration d && y instanceof Duration e) {
            return d.compareTo(e) > 0;
        }
        if (x instanceof BigDecimal c && y instanceof BigDecimal e) {
            return c.compareTo(e) > 0;
        }
        return false;
    }
}
