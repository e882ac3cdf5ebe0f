package dev.agentplan.cli;

import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import dev.agentplan.server.RefusedException;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunNotFoundException;
import dev.agentplan.server.ServerUnavailableException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shows a run live on stderr while waiting for its result: polls the status query and prints
 * each step as it starts ({@code ▶}) and ends ({@code ✔}/{@code ✖}), and each approval gate as it
 * opens, asking for the decision on the terminal when there is one.
 */
final class RunFollower {

    static final long POLL_MILLIS = 200;
    static final long RESULT_WAIT_SECONDS = 10;

    private final RunClient client;
    private final String runId;
    private final StepTitles titles;
    private final Terminal term;
    private final ApprovalPrompt prompt;
    private final String connectionArgs;
    private final long pollMillis;

    private final Set<String> started = new HashSet<>();
    private final Set<String> gates = new HashSet<>();
    private long logged;
    private long summarised;
    private boolean warnedNoWorker;

    /**
     * @param prompt asks for approvals on the terminal; null when not interactive
     * @param connectionArgs what {@code agentplan approve} needs to reach this run's server
     *     ({@code " --address 127.0.0.1:41234"}), or empty
     */
    RunFollower(RunClient client, String runId, StepTitles titles, Terminal term, ApprovalPrompt prompt,
                String connectionArgs) {
        this(client, runId, titles, term, prompt, connectionArgs, POLL_MILLIS);
    }

    /** @param pollMillis how long to wait between two looks at the run */
    RunFollower(RunClient client, String runId, StepTitles titles, Terminal term, ApprovalPrompt prompt,
                String connectionArgs, long pollMillis) {
        this.pollMillis = pollMillis;
        this.client = client;
        this.runId = runId;
        this.titles = titles;
        this.term = term;
        this.prompt = prompt;
        this.connectionArgs = connectionArgs;
    }

    /**
     * Waits for the run's end, showing its progress. The end is found by asking the server each
     * poll whether the latest segment is still running, not by one long poll that follows the
     * continue-as-new chain: on the Java test server that long poll could miss the end of a run
     * with several segments and wait for ever. Once the run has ended its result is read at once.
     */
    RunResult follow() throws InterruptedException {
        CompletableFuture<RunResult> result = null;
        while (true) {
            poll();
            if (result == null && hasEnded()) {
                result = client.resultAsync(runId); // the latest segment has ended: its close event is there
            }
            if (result != null) {
                try {
                    RunResult r = result.get(RESULT_WAIT_SECONDS, TimeUnit.SECONDS);
                    poll(); // the steps that ended since the last poll
                    return r;
                } catch (TimeoutException notYet) {
                    result = null; // ask again
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            Thread.sleep(pollMillis);
        }
    }

    private boolean hasEnded() {
        try {
            return !client.describe(runId).isRunning();
        } catch (ServerUnavailableException e) {
            if (!e.timedOut()) {
                throw e;
            }
            return false;
        }
    }

    private void poll() {
        RunStatus s;
        try {
            s = client.status(runId);
        } catch (ServerUnavailableException e) {
            if (!e.timedOut()) {
                throw e;
            }
            if (!warnedNoWorker) { // the run waits for a worker; keep waiting with it
                warnedNoWorker = true;
                term.err().println(term.yellow("⚠") + " no worker answers for run " + runId + " yet: is one polling its "
                        + "task queue? (start one: agentplan worker" + connectionArgs + " --task-queue QUEUE)");
                term.err().flush();
            }
            return;
        } catch (RunNotFoundException e) {
            throw e;
        } catch (RuntimeException notAnswerableYet) {
            return; // e.g. before the run's first workflow task: the next poll will show it
        }
        showFinished(s);
        showStarted(s.currentSteps());
        term.err().flush();
        for (PendingApproval gate : s.pendingApprovals()) {
            if (gates.add(gate.gate() + "|" + gate.since())) {
                announce(gate);
            }
        }
    }

    private void showFinished(RunStatus s) {
        long fresh = s.stepsLogged() - logged;
        List<StepLogEntry> entries = s.stepLog();
        if (fresh > entries.size()) {
            // the run keeps its last steps only (a bounded log): say how many ended unseen, never drop them silently
            long unseen = fresh - entries.size();
            term.err().println(term.dim("… " + unseen + (unseen == 1 ? " step" : " steps")
                    + " ended between two polls and are not shown one by one (agentplan history " + runId
                    + " lists every call)"));
            summarised += unseen;
        }
        for (int i = (int) Math.max(0, entries.size() - fresh); i < entries.size(); i++) {
            StepLogEntry e = entries.get(i);
            boolean ok = "ok".equals(e.outcome());
            long ms = HumanTime.between(e.startedAt(), e.endedAt());
            StringBuilder line = new StringBuilder(ok ? term.green("✔") : term.red("✖")).append(' ')
                    .append(StepTitles.where(e.path(), e.line(), e.iteration())).append(' ')
                    .append(titles.of(e.path(), e.kind(), e.tool()));
            if (!ok) {
                line.append("  ").append(term.red(e.outcome()));
            }
            if (ms >= 0) {
                line.append("  ").append(term.dim(HumanTime.duration(ms)));
            }
            if (e.attempts() > 1) {
                line.append(term.dim("  (attempt " + e.attempts() + ")"));
            }
            term.err().println(line);
        }
        logged = s.stepsLogged();
    }

    /** How many ended steps were summarised in one line instead of shown one by one. */
    long summarised() {
        return summarised;
    }

    private void showStarted(List<ActiveStep> active) {
        for (ActiveStep a : active) {
            if (started.add(a.path() + "|" + a.iteration() + "|" + a.since())) {
                term.err().println(term.cyan("▶") + " " + StepTitles.where(a.path(), a.line(), a.iteration()) + " "
                        + titles.of(a.path(), a.kind(), null));
            }
        }
    }

    private void announce(PendingApproval gate) {
        term.err().println(term.yellow("⏸") + " " + StepTitles.where(gate.stepPath(), gate.line(), null)
                + " approval " + term.bold(gate.gate()) + ": " + gate.prompt());
        term.err().println("  approvers: " + (gate.approvers().isEmpty() ? "anyone" : String.join(", ", gate.approvers()))
                + (gate.deadline() == null ? "" : "   deadline: " + HumanTime.deadline(gate.deadline(), java.time.Instant.now())));
        term.err().flush();
        if (prompt != null) {
            GateDecision d = prompt.ask(gate);
            if (d != null) {
                try {
                    term.err().println("  " + client.decide(runId, d) + " as " + d.approver());
                    return;
                } catch (RefusedException e) {
                    term.err().println("  " + term.red("refused: ") + e.getMessage());
                }
            }
        }
        String args = " " + runId + " " + gate.gate() + connectionArgs;
        term.err().println("  waiting for a decision: agentplan approve" + args + " [--as NAME] [--comment TEXT]"
                + "  (or: agentplan reject" + args + ")");
        term.err().flush();
    }
}
