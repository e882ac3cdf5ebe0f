package dev.agentplan.repository.diff;

import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolPolicy;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tool policy as named fields in plan-language words, so two policies compare field by field. */
final class PolicyFields {

    private PolicyFields() {
    }

    static Map<String, Object> of(ToolPolicy p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("timeout", p.timeout());
        f.put("schedule_to_close", p.scheduleToClose());
        f.put("schedule_to_start", p.scheduleToStart());
        f.put("heartbeat", p.heartbeat());
        RetryPolicy r = p.retry() == null ? RetryPolicy.EMPTY : p.retry();
        f.put("retry attempts", r.maxAttempts());
        f.put("retry initial interval", r.initialInterval());
        f.put("retry coefficient", r.backoffCoefficient());
        f.put("retry max interval", r.maxInterval());
        f.put("retry jitter %", r.jitterPercent());
        f.put("retry non_retryable", r.nonRetryable().isEmpty() ? null : r.nonRetryable());
        f.put("effect", p.effect());
        f.put("idempotent", p.idempotent());
        f.put("approval", p.approval() == dev.agentplan.model.ApprovalRequirement.DEFAULT ? null : p.approval());
        f.put("queue", p.taskQueue());
        return f;
    }

    /** {@code http, timeout 30s, effect write}: a tool's declaration on one line. */
    static String summary(String kind, ToolPolicy p) {
        StringBuilder out = new StringBuilder(kind);
        of(p).forEach((name, value) -> {
            if (value != null) {
                out.append(", ").append(name);
                if (!(value instanceof Boolean b && b)) {
                    out.append(' ').append(Text.value(value));
                }
            }
        });
        return out.toString();
    }
}
