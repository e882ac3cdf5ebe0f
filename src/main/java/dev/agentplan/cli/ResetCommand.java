package dev.agentplan.cli;

import dev.agentplan.server.Connection;
import dev.agentplan.server.RefusedException;
import dev.agentplan.server.ResetPlan;
import dev.agentplan.server.RunClient;
import dev.agentplan.server.RunResets;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agentplan reset RUN --to STEP}: Temporal's ResetWorkflowExecution, to rerun from a step. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Rerun a run from a step (a real Temporal server only).",
            "The run goes back to the workflow task that scheduled the step's first tool call; the step "
            + "and everything after it run again under the same pinned definition. Without --yes it only "
            + "shows what would run again and which effects might repeat. Approvals and signals given "
            + "after that point are asked for again unless --reapply-signals.",
            "Exit status: 0 reset (or shown), 1 refused, 2 usage, 3 no such run or step, 4 server unreachable."})
final class ResetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(names = "--to", required = true, paramLabel = "STEP",
            description = "The step to rerun from: its path as status and history show it (7, 4/lane:quick/1) or its plan line (48, plan.agent:48).")
    String to;

    @Option(names = "--yes", description = "Reset for real (without it: only show what would run again).")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the new run's audit trail.")
    String reason;

    @Option(names = "--as", paramLabel = "NAME", description = "Who resets (default: the OS user).")
    String as;

    @Option(names = "--reapply-signals", description = "Replay approvals, cancels and signals given after the step into the new run.")
    boolean reapply;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String who = as != null ? as : System.getProperty("user.name", "unknown");
        try (Connection connection = server.connect()) {
            if (!RunResets.canReset(connection)) {
                throw new RefusedException(RunResets.inMemoryRefusal(connection));
            }
            RunClient client = new RunClient(connection);
            ResetPlan plan;
            try {
                plan = ResetPlan.of(runId, client.historyChain(runId), to);
            } catch (IllegalArgumentException e) {
                err.println("agentplan: " + e.getMessage());
                err.flush();
                return ExitCode.NOT_FOUND;
            }
            print(plan, out);
            if (!yes) {
                out.println("nothing was reset: add --yes to rerun run " + runId + " from step " + plan.step());
                out.flush();
                return ExitCode.OK;
            }
            String newRun = RunResets.reset(connection, plan, who, reason, reapply);
            out.println("reset run " + runId + " to step " + plan.step() + " (as " + who + "); new Temporal run "
                    + newRun + "; see: agentplan status " + runId + RunCommand.connectionArgs(connection));
            out.flush();
            return ExitCode.OK;
        }
    }

    private static void print(ResetPlan plan, PrintWriter out) {
        out.println("run " + plan.runId() + ": back to step " + plan.step()
                + (plan.line() == null ? "" : " (" + plan.line() + ")") + ", the workflow task of event "
                + plan.resetEventId() + (plan.segment() > 0 ? " in segment " + (plan.segment() + 1) : ""));
        if (plan.calls().isEmpty()) {
            out.println("would run again: no recorded tool call");
        } else {
            out.println("would run again (" + plan.calls().size() + " recorded tool calls):");
            for (ResetPlan.RerunCall c : plan.calls()) {
                out.println("  step " + c.step() + (c.line() == null ? "" : " (" + c.line() + ")") + "  " + c.tool()
                        + " (" + c.kind() + ")  " + riskText(c));
            }
        }
        long risky = plan.calls().stream().filter(c -> c.risk() == ResetPlan.Risk.REPEATS
                || c.risk() == ResetPlan.Risk.UNLESS_DEDUPED).count();
        if (risky > 0) {
            out.println("effects that might repeat: " + risky + " (same idempotency keys as before: a receiver that "
                    + "dedupes by key applies them once; exec does not)");
        }
        if (!plan.humanEvents().isEmpty()) {
            out.println("given after that point (asked for again unless --reapply-signals):");
            plan.humanEvents().forEach(h -> out.println("  " + h));
        }
    }

    private static String riskText(ResetPlan.RerunCall c) {
        String key = c.idempotencyKey() == null ? "" : (c.explicitKey() ? "key " : "derived key ")
                + abbreviate(c.idempotencyKey());
        return switch (c.risk()) {
            case NONE -> "read: safe to repeat";
            case IDEMPOTENT -> "idempotent: safe to repeat (" + key + ")";
            case UNLESS_DEDUPED -> c.effect().keyword() + ": repeats unless the receiver dedupes by key (" + key + ")";
            case REPEATS -> c.effect().keyword() + ": REPEATS (exec ignores idempotency keys)";
        };
    }

    private static String abbreviate(String key) {
        return key.length() > 16 ? key.substring(0, 12) + "…" : key;
    }
}
