package dev.agentplan.syntax;

import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Effect;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.syntax.generated.AgentParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tool's options ({@code timeout 30s  retry { … }  effect write …}) as a {@link ToolPolicy}. */
final class PolicyBuilder {

    private final Spans spans;
    private final DiagnosticSink sink;
    private final Values values;

    PolicyBuilder(Spans spans, DiagnosticSink sink, Values values) {
        this.spans = spans;
        this.sink = sink;
        this.values = values;
    }

    ToolPolicy policy(List<AgentParser.ToolOptionContext> options, String owner) {
        OptionSet seen = new OptionSet(owner, spans, sink);
        Duration timeout = null;
        Duration scheduleToClose = null;
        Duration heartbeat = null;
        Duration scheduleToStart = null;
        RetryPolicy retry = null;
        Effect effect = null;
        Boolean idempotent = null;
        ApprovalRequirement approval = null;
        String queue = null;
        for (AgentParser.ToolOptionContext o : options) {
            if (McpBuilder.isMcpOption(o) || !seen.add(o)) {
                continue; // an MCP server's transport and tool policies: McpBuilder reads them
            }
            if (o instanceof AgentParser.TimeoutOptionContext t) {
                timeout = values.duration(t.duration());
            } else if (o instanceof AgentParser.ScheduleToCloseOptionContext s) {
                scheduleToClose = values.duration(s.duration());
            } else if (o instanceof AgentParser.ScheduleToStartOptionContext s) {
                scheduleToStart = values.duration(s.duration());
            } else if (o instanceof AgentParser.HeartbeatOptionContext h) {
                heartbeat = values.duration(h.duration());
            } else if (o instanceof AgentParser.RetryBlockContext r) {
                retry = retry(r.retryOption(), owner);
            } else if (o instanceof AgentParser.EffectOptionContext e) {
                effect = Effect.fromKeyword(e.effect.getText());
            } else if (o instanceof AgentParser.IdempotentOptionContext i) {
                idempotent = i.value == null || i.value.getType() == AgentParser.TRUE;
            } else if (o instanceof AgentParser.ApprovalOptionContext a) {
                approval = a.requirement.getType() == AgentParser.REQUIRED
                        ? ApprovalRequirement.REQUIRED : ApprovalRequirement.NONE;
            } else if (o instanceof AgentParser.QueueOptionContext q) {
                queue = values.plain(q.string(), "a task queue name");
            }
        }
        return new ToolPolicy(timeout, scheduleToClose, heartbeat, retry, effect, idempotent, approval, queue,
                scheduleToStart);
    }

    private RetryPolicy retry(List<AgentParser.RetryOptionContext> options, String owner) {
        OptionSet seen = new OptionSet("in the `retry` block " + owner, spans, sink);
        Integer attempts = null;
        Duration initial = null;
        Duration maximum = null;
        Double coefficient = null;
        Double jitter = null;
        List<String> nonRetryable = new ArrayList<>();
        for (AgentParser.RetryOptionContext o : options) {
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof AgentParser.AttemptsOptionContext a) {
                attempts = values.whole(a.NUMBER().getSymbol(), "`attempts`");
            } else if (o instanceof AgentParser.BackoffOptionContext b) {
                initial = values.duration(b.initial);
                maximum = b.maximum == null ? null : values.duration(b.maximum);
            } else if (o instanceof AgentParser.CoefficientOptionContext c) {
                coefficient = values.coefficient(c.NUMBER().getSymbol());
            } else if (o instanceof AgentParser.JitterOptionContext j) {
                jitter = values.percent(j.NUMBER().getSymbol(), "`jitter`");
            } else if (o instanceof AgentParser.NonRetryableOptionContext n) {
                for (AgentParser.StringContext s : n.string()) {
                    nonRetryable.add(values.plain(s, "an error type"));
                }
            }
        }
        return new RetryPolicy(attempts, initial, coefficient, maximum, nonRetryable, jitter);
    }
}
