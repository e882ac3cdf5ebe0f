package dev.agentplan.console;

import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.server.AuditEntry;
import dev.agentplan.server.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which steps of a run's plan are done, current or failed, by step path, for the graph. From the
 * status query (the step log, the steps running now) and, because the step log is bounded, from
 * the audit trail's tool calls too. Special keys: {@code @entry}, {@code @exit}, {@code @failure}.
 */
final class GraphMarks {

    static final String DONE = "done";
    static final String CURRENT = "current";
    static final String FAILED = "failed";

    private GraphMarks() {
    }

    static Map<String, String> of(RunStatus status, RunResult result, AuditTrail trail) {
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put("@entry", DONE);
        if (trail != null) {
            for (AuditEntry e : trail.events()) {
                if (e.step() != null && e.outcome() != null) {
                    marks.put(e.step(), e.outcome().startsWith("failed") || e.outcome().startsWith("timed out") ? FAILED : DONE);
                }
            }
        }
        if (status != null) {
            for (StepLogEntry e : status.stepLog()) {
                marks.put(e.path(), e.outcome() != null && e.outcome().startsWith("failed") ? FAILED : DONE);
            }
            for (ActiveStep a : status.currentSteps()) {
                marks.put(a.path(), CURRENT);
            }
        }
        RunState end = result != null ? result.status() : status != null && status.state().isFinal() ? status.state() : null;
        if (end == RunState.COMPLETED) {
            marks.put("@exit", DONE);
        } else if (end == RunState.FAILED || end == RunState.CANCELLED) {
            marks.put("@failure", FAILED);
            var error = result != null ? result.error() : status.error();
            if (error != null && error.step() != null) {
                marks.put(error.step(), FAILED);
            }
        }
        return marks;
    }
}
