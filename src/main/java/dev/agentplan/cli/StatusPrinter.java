package dev.agentplan.cli;

import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.BudgetUse;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.runtime.api.ToolCallSummary;
import dev.agentplan.server.PendingCall;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** A run's status query, rendered for a person. */
final class StatusPrinter {

    private static final String INDENT = "           ";

    private final Terminal term;
    private final Instant now;

    StatusPrinter(Terminal term, Instant now) {
        this.term = term;
        this.now = now;
    }

    /**
     * @param status the status query's answer; null when no worker could answer it
     * @param result the run's result once it has ended, else null
     * @param connectionArgs what approve/reject need to reach the run's server
     */
    void print(String runId, RunStatus status, RunResult result, String execution, String connectionArgs) {
        print(runId, status, result, execution, connectionArgs, List.of());
    }

    /** @param pending the tool calls the server holds now: attempts, the last failure, the next retry */
    void print(String runId, RunStatus status, RunResult result, String execution, String connectionArgs,
               List<PendingCall> pending) {
        PrintWriter out = term.out();
        out.println(label("run") + term.bold(runId));
        if (status == null) {
            out.println(label("state") + execution + term.dim("  (no worker answered the status query)"));
        } else {
            out.println(label("agent") + status.agent() + (status.version() > 0 ? "@" + status.version() : " (not deployed)")
                    + term.dim("  sha256 " + shortSha(status.sha256()))
                    + (status.segment() > 1 ? term.dim("  segment " + status.segment()) : ""));
            out.println(label("state") + stateText(status.state().name()));
            current(out, status.currentSteps());
            retries(out, pending);
            approvals(out, runId, status.pendingApprovals(), connectionArgs);
            signals(out, status.awaitingSignals());
            IntentLines.print(out, status, this::label, INDENT);
            budget(out, status.budget());
            lastTool(out, status.lastToolCall());
            decided(out, status.approvals());
            steps(out, status);
            ignored(out, status.ignoredSignals());
            if (status.cancelled() != null) {
                out.println(label("cancelled") + "by " + status.cancelled().by() + " at " + status.cancelled().at()
                        + (status.cancelled().reason() == null ? "" : ": " + status.cancelled().reason()));
            }
        }
        if (result != null) {
            if (result.output() != null && !result.output().isNull()) {
                out.println(label("output") + CliJson.compact(result.output()));
            }
            if (result.error() != null) {
                out.println(label("error") + term.red(RunOutcome.describe(result.error())));
            }
        } else if (status != null && status.error() != null) {
            out.println(label("error") + term.red(RunOutcome.describe(status.error())));
        }
        out.flush();
    }

    private String stateText(String state) {
        return switch (state) {
            case "COMPLETED" -> term.green(state);
            case "FAILED", "CANCELLED" -> term.red(state);
            case "WAITING_APPROVAL", "WAITING_SIGNAL", "WAITING_TIMER" -> term.yellow(state);
            default -> term.cyan(state);
        };
    }

    private void current(PrintWriter out, List<ActiveStep> steps) {
        String first = label("now");
        for (ActiveStep a : steps) {
            out.println(first + StepTitles.where(a.path(), a.line(), a.iteration()) + " " + a.kind().replace('_', ' ')
                    + (a.waitingFor() == null ? "" : " — waiting for " + a.waitingFor())
                    + term.dim("  since " + HumanTime.clock(HumanTime.parse(a.since()))));
            first = INDENT;
        }
    }

    private void retries(PrintWriter out, List<PendingCall> pending) {
        for (PendingCall p : pending) {
            if (p.attempt() <= 1 && p.lastFailure() == null) {
                continue; // a first attempt under way says nothing more than "now"
            }
            String of = p.maximumAttempts() > 0 ? " of " + p.maximumAttempts() : "";
            out.println(label("retrying") + p.activityType() + ": attempt " + p.attempt() + of
                    + (p.nextAttemptAt() != null && p.nextAttemptAt().isAfter(now)
                            ? " starts " + HumanTime.deadline(p.nextAttemptAt().toString(), now) + " (backing off)"
                            : " " + p.state()));
            if (p.lastFailure() != null) {
                out.println(INDENT + "  the attempt before failed: " + term.red(p.lastFailure()));
            }
        }
    }

    private void approvals(PrintWriter out, String runId, List<PendingApproval> pending, String connectionArgs) {
        for (PendingApproval p : pending) {
            out.println(label("approval") + term.bold(p.gate()) + ": " + p.prompt());
            if (p.tool() != null) { // a call a model loop proposes: the exact call the approval lets through
                out.println(INDENT + "  proposed call: " + p.tool() + " " + CliJson.compact(p.arguments()));
            }
            out.println(INDENT + "  at " + StepTitles.where(p.stepPath(), p.line(), null) + "   approvers: "
                    + (p.approvers().isEmpty() ? "anyone" : String.join(", ", p.approvers()))
                    + "   deadline: " + (p.deadline() == null ? "none" : HumanTime.deadline(p.deadline(), now)));
            out.println(INDENT + "  decide: agentplan approve " + runId + " " + p.gate() + connectionArgs
                    + " [--as NAME] [--comment TEXT]   (or: agentplan reject …)");
        }
    }

    private void signals(PrintWriter out, List<String> awaiting) {
        if (!awaiting.isEmpty()) {
            out.println(label("signals") + "waiting for " + String.join(", ", awaiting));
        }
    }

    private void budget(PrintWriter out, List<BudgetUse> budget) {
        String first = label("budget");
        for (BudgetUse b : budget) {
            out.println(first + BudgetBars.line(b));
            first = INDENT;
        }
    }

    private void lastTool(PrintWriter out, ToolCallSummary t) {
        if (t == null) {
            return;
        }
        out.println(label("last tool") + t.tool() + " (" + t.kind() + ") at " + StepTitles.where(t.stepPath(), t.line(), null)
                + ": " + t.outcome() + (t.attempts() > 0 ? ", " + t.attempts() + (t.attempts() == 1 ? " attempt" : " attempts") : ""));
        out.println(INDENT + "  args    " + t.arguments());
        if (t.result() != null) {
            out.println(INDENT + "  result  " + t.result());
        }
    }

    private void decided(PrintWriter out, List<ApprovalRecord> approvals) {
        String first = label("decided");
        for (ApprovalRecord a : approvals) {
            out.println(first + a.gate() + " " + (a.approved() ? term.green("approved") : term.red("rejected"))
                    + (a.byTimeout() ? " by its timeout" : " by " + a.approver()) + " at " + a.at()
                    + (a.comment() == null || a.comment().isBlank() ? "" : ": \"" + a.comment() + "\""));
            first = INDENT;
        }
    }

    private void steps(PrintWriter out, RunStatus s) {
        List<StepLogEntry> log = s.stepLog();
        out.println(label("steps") + s.stepsLogged() + " finished" + (log.isEmpty() ? "" : "; the last:"));
        for (StepLogEntry e : log.subList(Math.max(0, log.size() - 3), log.size())) {
            out.println(INDENT + "  " + ("ok".equals(e.outcome()) ? term.green("✔") : term.red("✖")) + " "
                    + StepTitles.where(e.path(), e.line(), e.iteration()) + " "
                    + (e.tool() == null ? e.kind().replace('_', ' ') : e.tool())
                    + ("ok".equals(e.outcome()) ? "" : "  " + e.outcome()));
        }
    }

    private void ignored(PrintWriter out, List<IgnoredSignal> ignored) {
        String first = label("refused");
        for (IgnoredSignal i : ignored) {
            out.println(first + i.signal() + " at " + HumanTime.clock(HumanTime.parse(i.at())) + ": " + i.reason());
            first = INDENT;
        }
    }

    private String label(String name) {
        return term.dim(String.format("%-10s ", name));
    }

    private static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(12, sha.length()));
    }
}
