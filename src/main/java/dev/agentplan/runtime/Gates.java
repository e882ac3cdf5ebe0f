package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.eval.Values;
import java.time.Duration;

/** The steps that wait for the outside world: approval gates and named signals. */
final class Gates {

    private final RunContext run;

    Gates(RunContext run) {
        this.run = run;
    }

    /**
     * Opens the gate, waits for a decision or the timeout, binds the gate's name to
     * {approved, approver, comment, at}, and fails with ApprovalRejected / ApprovalTimeout
     * when it did not pass.
     */
    void approve(Step.ApproveStep s, String path, String line, Frame f, StepLog.Running r) {
        String prompt = s.prompt() == null ? "" : run.evaluator().text(s.prompt(), f.scope());
        long since = run.now();
        Long deadline = s.timeout() == null ? null : since + s.timeout().toMillis();
        Approvals.Gate gate = run.approvals().open(s.name(), prompt, s.approvers(), since, deadline, line, path);
        String id = gate.view.gate();
        r.waitingFor = "approval " + id;
        ApprovalRecord record = null;
        try {
            String summary = s.timeout() == null ? null
                    : CommandSummaries.approvalTimeout(path, f.iterations(), id, line, s.timeout());
            if (Waits.until(s.timeout(), summary, () -> gate.decision != null)) {
                GateDecision d = gate.decision;
                record = new ApprovalRecord(id, d.approved(), d.approver(), d.comment(), StepLog.iso(gate.decidedAt),
                        false, path);
            } else {
                boolean approved = s.onTimeout() == Step.ApprovalTimeout.APPROVE;
                String comment = switch (s.onTimeout()) {
                    case APPROVE -> "approved on timeout";
                    case REJECT -> "rejected on timeout";
                    case FAIL -> "no decision before the timeout";
                };
                record = new ApprovalRecord(id, approved, null, comment, StepLog.iso(run.now()), true, path);
            }
        } finally {
            run.approvals().close(gate, record);
            r.waitingFor = null;
        }
        Walker.bind(f, s.name(), value(record));
        if (record.approved()) {
            if (!record.byTimeout()) {
                f.scope().markApproved(); // a person decided: this covers the approval-required calls after it
            }
            return;
        }
        if (record.byTimeout() && s.onTimeout() == Step.ApprovalTimeout.FAIL) {
            throw PlanError.of(ErrorTypes.APPROVAL_TIMEOUT, "no decision on approval gate '" + id + "' within "
                    + DurationText.format(s.timeout()), path, line, value(record));
        }
        throw PlanError.of(ErrorTypes.APPROVAL_REJECTED, "approval gate '" + id + "' was rejected"
                + (record.byTimeout() ? " on timeout" : " by " + record.approver())
                + (record.comment() == null || record.comment().isBlank() || record.byTimeout() ? ""
                : ": " + record.comment()), path, line, value(record));
    }

    private static ObjectNode value(ApprovalRecord record) {
        ObjectNode v = Values.NODES.objectNode();
        v.put("approved", record.approved());
        v.put("approver", record.approver());
        v.put("comment", record.comment());
        v.put("at", record.at());
        return v;
    }

    /** Takes the oldest buffered signal of that name, waiting for one up to the timeout. */
    JsonNode awaitSignal(Step.AwaitSignalStep s, String path, String line, Frame f, StepLog.Running r) {
        String name = s.signal();
        Long deadline = s.timeout() == null ? null : run.now() + s.timeout().toMillis();
        r.waitingFor = "signal " + name;
        run.signals().startWaiting(name);
        try {
            while (true) {
                JsonNode payload = run.signals().take(name);
                if (payload != null) {
                    return payload;
                }
                Duration left = deadline == null ? null : Duration.ofMillis(deadline - run.now());
                if (left != null && (left.isZero() || left.isNegative())) {
                    break;
                }
                // the summary names the whole timeout: a wait woken by another step's signal goes on with what is left
                String summary = left == null ? null
                        : CommandSummaries.signalTimeout(path, f.iterations(), name, line, s.timeout());
                if (!Waits.until(left, summary, () -> run.signals().has(name))) {
                    break;
                }
            }
        } finally {
            run.signals().stopWaiting(name);
            r.waitingFor = null;
        }
        if (s.onTimeout() == Step.SignalTimeout.CONTINUE) {
            return NullNode.getInstance();
        }
        throw PlanError.of(ErrorTypes.SIGNAL_TIMEOUT, "no signal '" + name + "' within " + DurationText.format(s.timeout()),
                path, line);
    }
}
