package dev.agentplan.runtime;

import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approval gates: the ones waiting for a human, the decisions taken, and the checks a decision
 * must pass (the {@code decide} update's validator refuses with the same messages).
 */
final class Approvals {

    static final int KEPT = 100;

    /** A gate waiting for a decision; the waiting step wakes when {@code decision} is set. */
    static final class Gate {
        final PendingApproval view;
        GateDecision decision;
        long decidedAt;

        Gate(PendingApproval view) {
            this.view = view;
        }
    }

    private final Map<String, Gate> pending = new LinkedHashMap<>();
    private final List<ApprovalRecord> decided = new ArrayList<>();

    /** Puts back the decisions of earlier continue-as-new segments, before any taken in this one. */
    void restore(List<ApprovalRecord> earlier) {
        if (earlier != null) {
            decided.addAll(0, earlier);
        }
    }

    /** Opens a gate. A gate of the same name already pending (parallel work) gets a {@code #n} suffix. */
    Gate open(String name, String prompt, List<String> approvers, long since, Long deadline, String line,
              String stepPath) {
        return open(name, prompt, approvers, since, deadline, line, stepPath, null, null);
    }

    /** A gate on a call a model proposed: the view shows the exact tool and arguments. */
    Gate open(String name, String prompt, List<String> approvers, long since, Long deadline, String line,
              String stepPath, String tool, com.fasterxml.jackson.databind.JsonNode arguments) {
        String id = name;
        for (int n = 2; pending.containsKey(id); n++) {
            id = name + "#" + n;
        }
        Gate g = new Gate(new PendingApproval(id, prompt, List.copyOf(approvers), StepLog.iso(since),
                deadline == null ? null : StepLog.iso(deadline), line, stepPath, tool, arguments));
        pending.put(id, g);
        return g;
    }

    void close(Gate g, ApprovalRecord record) {
        pending.remove(g.view.gate());
        if (record != null) {
            decided.add(record);
            while (decided.size() > KEPT) {
                decided.remove(0);
            }
        }
    }

    /** Why a decision is not even a decision (no gate, nobody deciding), or null. */
    static String malformed(GateDecision d) {
        if (d == null || d.gate() == null || d.gate().isBlank()) {
            return "a decision must name an approval gate";
        }
        if (d.approver() == null || d.approver().isBlank()) {
            return "a decision must say who decides (approver)";
        }
        return null;
    }

    /** Why a decision cannot be taken, or null when it can. */
    String refusal(GateDecision d) {
        String malformed = malformed(d);
        if (malformed != null) {
            return malformed;
        }
        Gate g = pending.get(d.gate());
        if (g == null) {
            ApprovalRecord past = last(d.gate());
            if (past != null) {
                return "approval gate '" + d.gate() + "' is not pending: it was "
                        + (past.byTimeout() ? "decided by its timeout" : (past.approved() ? "approved" : "rejected")
                        + " by " + past.approver()) + " at " + past.at();
            }
            return "no approval gate named '" + d.gate() + "' in this run"
                    + (pending.isEmpty() ? " (none is pending)" : " (pending: " + String.join(", ", pending.keySet()) + ")");
        }
        if (g.decision != null) {
            return "approval gate '" + d.gate() + "' was already " + (g.decision.approved() ? "approved" : "rejected")
                    + " by " + g.decision.approver();
        }
        List<String> allowed = g.view.approvers();
        if (!allowed.isEmpty() && !allowed.contains(d.approver())) {
            return "'" + d.approver() + "' may not decide approval gate '" + d.gate() + "' (allowed: "
                    + String.join(", ", allowed) + ")";
        }
        return null;
    }

    /** Takes a decision that passed {@link #refusal}; false when another decision got there first. */
    boolean decide(GateDecision d, long now) {
        Gate g = pending.get(d.gate());
        if (g == null || g.decision != null) {
            return false;
        }
        g.decision = d;
        g.decidedAt = now;
        return true;
    }

    private ApprovalRecord last(String gate) {
        for (int i = decided.size() - 1; i >= 0; i--) {
            if (decided.get(i).gate().equals(gate)) {
                return decided.get(i);
            }
        }
        return null;
    }

    List<PendingApproval> pendingViews() {
        List<PendingApproval> out = new ArrayList<>();
        pending.values().forEach(g -> out.add(g.view));
        return out;
    }

    boolean anyPending() {
        return !pending.isEmpty();
    }

    List<ApprovalRecord> decided() {
        return new ArrayList<>(decided);
    }
}
