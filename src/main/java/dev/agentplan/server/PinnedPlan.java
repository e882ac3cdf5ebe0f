package dev.agentplan.server;

import dev.agentplan.compile.PinnedPlans;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.CommandSummaries;
import dev.agentplan.runtime.api.PinnedDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan a run was pinned to, for naming what history events were for: which step an approval
 * gate is, what a timer of a given length waits for.
 */
final class PinnedPlan {

    private final PinnedDefinition pinned;
    private final AgentDefinition plan;
    private final Map<String, Step> steps;

    private PinnedPlan(PinnedDefinition pinned, AgentDefinition plan) {
        this.pinned = pinned;
        this.plan = plan;
        this.steps = plan == null ? Map.of() : StepPaths.index(plan.steps());
    }

    static PinnedPlan of(PinnedDefinition pinned) {
        // an old or foreign definition reads as null: the trail is still shown, with less naming
        AgentDefinition plan = pinned == null ? null : PinnedPlans.decodeOrNull(pinned.name() + ".json", pinned.canonicalJson());
        return new PinnedPlan(pinned, plan);
    }

    /** The path of the approve step that opens gate {@code gate} (a {@code #n} suffix marks a parallel copy). */
    String approvalStep(String gate) {
        if (gate == null) {
            return null;
        }
        String name = gate.contains("#") ? gate.substring(0, gate.indexOf('#')) : gate;
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            if (e.getValue() instanceof Step.ApproveStep a && a.name().equals(name)) {
                return e.getKey();
            }
        }
        return proposalStep(name);
    }

    /** The model loop a gate {@code TOOL@turnN.I} (a call a model proposed) belongs to, when only one allows TOOL. */
    private String proposalStep(String gate) {
        int at = gate.indexOf("@turn");
        if (at <= 0) {
            return null;
        }
        String tool = gate.substring(0, at);
        String found = null;
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            if (e.getValue() instanceof Step.ModelLoopStep m && m.toolNames().contains(tool)) {
                if (found != null) {
                    return null; // two loops allow it: the gate alone does not say which
                }
                found = e.getKey();
            }
        }
        return found;
    }

    String lineOf(String path) {
        return pinned == null || path == null ? null : pinned.sourceLines().get(path);
    }

    /** What a timer of this length is most likely for, e.g. {@code approval publish_ok timeout}, or null. */
    String timerPurpose(Duration d, boolean firstTimer) {
        if (plan == null) {
            return null;
        }
        if (firstTimer && plan.budget() != null && d.equals(plan.budget().duration())) {
            return "duration budget";
        }
        Map<String, String> candidates = new LinkedHashMap<>();
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            StepWait w = StepWait.of(e.getKey(), e.getValue());
            if (w.timerPurpose() != null && d.equals(w.timer())) {
                candidates.putIfAbsent(w.timerPurpose(), e.getKey());
            }
        }
        return candidates.size() == 1 ? candidates.keySet().iterator().next() : null;
    }

    /**
     * What a timer is for, from its summary: the purpose in the words {@link #timerPurpose(Duration,
     * boolean)} uses, and the step it belongs to (null for the duration budget).
     */
    record TimerPurpose(String purpose, String step) {
    }

    /** The purpose a timer's summary tells, or null without one (a timer of a run from before summaries). */
    TimerPurpose timerPurpose(String summary) {
        if (summary == null || summary.isBlank()) {
            return null;
        }
        if (summary.startsWith(CommandSummaries.DURATION_BUDGET)) {
            return new TimerPurpose("duration budget", null);
        }
        String path = CommandSummaries.stepOf(summary);
        Step s = path == null ? null : steps.get(path);
        StepWait w = s == null ? null : StepWait.of(path, s);
        if (w != null && w.timerPurpose() != null && w.oneTimer()) {
            return new TimerPurpose(w.timerPurpose(), path);
        }
        // the plan is unknown here, or the step has several timers: the summary itself says it
        return new TimerPurpose(summary, path);
    }

    /**
     * The approve step a timer of that purpose ({@link #timerPurpose}) is the timeout of, or null.
     * With the timer's step known (from its summary) that step decides; otherwise the gate's name.
     */
    Map.Entry<String, Step.ApproveStep> approvalOfTimer(String purpose, String step) {
        if (step != null) {
            return steps.get(step) instanceof Step.ApproveStep a ? Map.entry(step, a) : null;
        }
        if (purpose == null || !purpose.startsWith("approval ") || !purpose.endsWith(" timeout")) {
            return null;
        }
        String gate = purpose.substring("approval ".length(), purpose.length() - " timeout".length());
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            if (e.getValue() instanceof Step.ApproveStep a && a.name().equals(gate)) {
                return Map.entry(e.getKey(), a);
            }
        }
        return null;
    }

    /** The approvers an approve step allows (empty: anyone), or null when the gate is unknown. */
    java.util.List<String> approversOf(String gate) {
        String path = approvalStep(gate);
        Step s = path == null ? null : steps.get(path);
        return s == null ? null : StepWait.of(path, s).approvers();
    }

    /** True when some {@code await signal} step of the plan waits for that name (or the plan is unknown). */
    boolean awaitsSignal(String name) {
        if (plan == null) {
            return true;
        }
        return steps.values().stream().anyMatch(s -> s instanceof Step.AwaitSignalStep w && w.signal().equals(name));
    }

    /** The names the plan's {@code await signal} steps wait for, in step order. */
    java.util.List<String> awaitedSignals() {
        return steps.values().stream().filter(s -> s instanceof Step.AwaitSignalStep)
                .map(s -> ((Step.AwaitSignalStep) s).signal()).distinct().toList();
    }
}
