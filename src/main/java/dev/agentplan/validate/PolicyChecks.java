package dev.agentplan.validate;

import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.validate.flow.NodeLabels;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Tool policies once inherited: a timeout must exist and be positive, a heartbeat shorter than
 * the timeout, a deadline not shorter than it, a backoff that grows, at least one attempt. A
 * problem that comes from the tools' {@code defaults} block is reported once, at the first tool
 * inheriting it (the defaults block itself has no position in the model).
 */
final class PolicyChecks {

    private final PlanFacts facts;
    private final Findings out;
    private final Set<String> reportedDefaults = new HashSet<>();

    PolicyChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        ToolPolicy defaults = facts.definition.toolDefaults();
        for (ToolDecl tool : facts.definition.tools()) {
            ToolPolicy own = tool.policy();
            ToolPolicy eff = facts.definition.effectivePolicy(tool);
            SourceSpan at = tool.span();
            String name = "tool `" + tool.name() + "`";
            if (eff.timeout() == null) {
                out.error(ValidationCodes.TOOL_NO_TIMEOUT, at, name + " has no timeout, so a call that hangs would hold "
                                + "the run until the worker gives up",
                        "add `timeout 30s` to `" + tool.name() + "`, or give every tool one with "
                                + "`defaults { timeout 30s }` in the tools block");
            }
            zero(tool, "timeout", own.timeout(), defaults.timeout());
            zero(tool, "schedule_to_close", own.scheduleToClose(), defaults.scheduleToClose());
            zero(tool, "heartbeat", own.heartbeat(), defaults.heartbeat());
            zero(tool, "schedule_to_start", own.scheduleToStart(), defaults.scheduleToStart());
            boolean fromDefaults = own.timeout() == null;
            if (positive(eff.heartbeat()) && positive(eff.timeout()) && eff.heartbeat().compareTo(eff.timeout()) >= 0) {
                report(tool, fromDefaults && own.heartbeat() == null, ValidationCodes.HEARTBEAT_NOT_SHORTER,
                        "heartbeat " + NodeLabels.duration(eff.heartbeat()) + " is not shorter than the timeout "
                                + NodeLabels.duration(eff.timeout()) + ", so a missed heartbeat is never noticed",
                        "make the heartbeat a fraction of the timeout, like `timeout 5m  heartbeat 30s`");
            }
            if (positive(eff.scheduleToClose()) && positive(eff.timeout())
                    && eff.scheduleToClose().compareTo(eff.timeout()) < 0) {
                report(tool, fromDefaults && own.scheduleToClose() == null, ValidationCodes.DEADLINE_SHORTER,
                        "schedule_to_close " + NodeLabels.duration(eff.scheduleToClose())
                                + " is shorter than one attempt's timeout " + NodeLabels.duration(eff.timeout()),
                        "`schedule_to_close` is the deadline across all attempts: make it at least the timeout");
            }
            retry(tool, own.retry(), eff.retry(), defaults.retry());
        }
    }

    private void retry(ToolDecl tool, RetryPolicy own, RetryPolicy eff, RetryPolicy defaults) {
        if (eff == null) {
            return;
        }
        boolean ownInitial = own != null && own.initialInterval() != null;
        boolean ownMax = own != null && own.maxInterval() != null;
        if (eff.initialInterval() != null && eff.maxInterval() != null
                && eff.initialInterval().compareTo(eff.maxInterval()) > 0) {
            report(tool, !ownInitial && !ownMax, ValidationCodes.BACKOFF_INVERTED,
                    "the retry backoff starts at " + NodeLabels.duration(eff.initialInterval())
                            + ", longer than its maximum " + NodeLabels.duration(eff.maxInterval()),
                    "write the backoff as first..maximum, like `backoff 1s..30s`");
        }
        if (eff.maxAttempts() != null && eff.maxAttempts() < 1) {
            report(tool, own == null || own.maxAttempts() == null, ValidationCodes.RETRY_INVALID,
                    "`attempts " + eff.maxAttempts() + "` allows no attempt at all",
                    "use `attempts 1` for a single attempt without retries");
        }
        if (eff.jitterPercent() != null && (eff.jitterPercent() < 0 || eff.jitterPercent() > 100)) {
            report(tool, own == null || own.jitterPercent() == null, ValidationCodes.RETRY_INVALID,
                    "`jitter " + java.math.BigDecimal.valueOf(eff.jitterPercent()).stripTrailingZeros().toPlainString() + "%` is outside 0% to 100%",
                    "jitter moves each retry delay by up to that share either way: use a value like `jitter 20%`");
        }
        if (eff.backoffCoefficient() != null && eff.backoffCoefficient() < 1.0) {
            report(tool, own == null || own.backoffCoefficient() == null, ValidationCodes.RETRY_INVALID,
                    "backoff coefficient " + eff.backoffCoefficient() + " would shrink the wait between attempts",
                    "use a coefficient of 1 (constant backoff) or more, like `coefficient 2`");
        }
    }

    private void zero(ToolDecl tool, String option, Duration own, Duration inherited) {
        Duration d = own != null ? own : inherited;
        if (d != null && !positive(d)) {
            report(tool, own == null, ValidationCodes.ZERO_DURATION, "`" + option + "` is " + NodeLabels.duration(d)
                    + "; it must be longer than zero", "give `" + option + "` a positive duration, like 30s");
        }
    }

    /** Reports a problem of a tool's policy; one inherited from the defaults only once, at the first tool. */
    private void report(ToolDecl tool, boolean fromDefaults, ValidationCodes code, String problem, String hint) {
        if (fromDefaults) {
            if (reportedDefaults.add(code.code + problem)) {
                out.error(code, tool.span(), "the tools' defaults: " + problem + " (inherited by `" + tool.name() + "`)",
                        hint + " in `defaults { … }`");
            }
            return;
        }
        out.error(code, tool.span(), "tool `" + tool.name() + "`: " + problem, hint);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
