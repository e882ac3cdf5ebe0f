package dev.agentplan.validate;

import dev.agentplan.model.Budget;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.validate.flow.NodeLabels;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Durations with a sane maximum (AP313). Durable waits — {@code wait}, the budget's
 * {@code duration}, approval and signal timeouts — may last up to {@link #MAX_WAIT} (ten years);
 * tool timeouts, deadlines, heartbeats and retry backoff up to {@link #MAX_TOOL} (a year). Both
 * are far inside what Temporal timers and timeouts can represent, and a value beyond them is a
 * typo (a budget of {@code 99999999999d} is no budget at all), not a plan.
 */
final class DurationChecks {

    static final Duration MAX_WAIT = Duration.ofDays(3650);
    static final Duration MAX_TOOL = Duration.ofDays(365);

    private final PlanFacts facts;
    private final Findings out;
    private final Set<String> reportedDefaults = new HashSet<>();

    DurationChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        Budget budget = facts.definition.budget();
        if (budget != null) {
            waitLike(budget.duration(), budget.span(), "the budget's `duration`");
        }
        StepPaths.walk(facts.definition.steps(), "", (path, step) -> durableWaits(step));
        ToolPolicy defaults = facts.definition.toolDefaults();
        for (ToolDecl tool : facts.definition.tools()) {
            ToolPolicy own = tool.policy();
            tool(tool, "timeout", own.timeout(), defaults == null ? null : defaults.timeout());
            tool(tool, "schedule_to_close", own.scheduleToClose(), defaults == null ? null : defaults.scheduleToClose());
            tool(tool, "heartbeat", own.heartbeat(), defaults == null ? null : defaults.heartbeat());
            RetryPolicy ownRetry = own.retry();
            RetryPolicy defRetry = defaults == null ? null : defaults.retry();
            tool(tool, "the first retry backoff", ownRetry == null ? null : ownRetry.initialInterval(),
                    defRetry == null ? null : defRetry.initialInterval());
            tool(tool, "the longest retry backoff", ownRetry == null ? null : ownRetry.maxInterval(),
                    defRetry == null ? null : defRetry.maxInterval());
        }
    }

    /**
     * The durable waits a step writes (its bodies' steps are walked on their own). Three kinds have
     * one; a tool's durations are checked once per tool, a model loop's approval_timeout by
     * ModelLoopChecks. Filters, not a visitor: a new kind without a wait need not touch this file.
     */
    private void durableWaits(Step step) {
        if (step instanceof Step.WaitStep s) {
            waitLike(s.duration(), s.span(), "`wait`");
        } else if (step instanceof Step.ApproveStep s) {
            waitLike(s.timeout(), s.span(), "the timeout of approval `" + s.name() + "`");
        } else if (step instanceof Step.AwaitSignalStep s) {
            waitLike(s.timeout(), s.span(), "the timeout of waiting for signal \"" + s.signal() + "\"");
        }
    }

    private void waitLike(Duration d, SourceSpan at, String what) {
        if (d != null && d.compareTo(MAX_WAIT) > 0) {
            out.error(ValidationCodes.DURATION_TOO_LONG, at, what + " is " + NodeLabels.duration(d)
                            + ", longer than the most a run may wait (" + NodeLabels.duration(MAX_WAIT) + ", ten years)",
                    "use at most " + NodeLabels.duration(MAX_WAIT) + "; leave a budget's `duration` out for no limit");
        }
    }

    private void tool(ToolDecl tool, String option, Duration own, Duration inherited) {
        Duration d = own != null ? own : inherited;
        if (d == null || d.compareTo(MAX_TOOL) <= 0) {
            return;
        }
        String problem = option.startsWith("the ") ? option + " is " + NodeLabels.duration(d)
                : "`" + option + "` is " + NodeLabels.duration(d);
        problem += ", longer than the most a tool call may take (" + NodeLabels.duration(MAX_TOOL) + ", a year)";
        String hint = "use at most " + NodeLabels.duration(MAX_TOOL) + "; work that takes longer belongs in a `wait`, "
                + "an `await signal` or a child run";
        if (own == null) {
            if (reportedDefaults.add(option)) {
                out.error(ValidationCodes.DURATION_TOO_LONG, tool.span(), "the tools' defaults: " + problem
                        + " (inherited by `" + tool.name() + "`)", hint + " in `defaults { … }`");
            }
            return;
        }
        out.error(ValidationCodes.DURATION_TOO_LONG, tool.span(), "tool `" + tool.name() + "`: " + problem, hint);
    }
}
