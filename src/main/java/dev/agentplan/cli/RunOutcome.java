package dev.agentplan.cli;

import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.RunCounts;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;

/** The one line that says how a run ended, with the failing step and its source line. */
final class RunOutcome {

    private RunOutcome() {
    }

    /** @param millis how long the run took, or -1 when unknown */
    static void report(Terminal term, String runId, RunResult result, long millis) {
        String took = millis < 0 ? "" : " in " + HumanTime.duration(millis);
        if (result.status() == RunState.COMPLETED) {
            term.err().println(term.green("✔") + " run " + runId + " completed" + took + counts(result.counts()));
        } else {
            term.err().println(term.red("✖") + " run " + runId + " " + result.status().name().toLowerCase() + took
                    + counts(result.counts()));
            if (result.error() != null) {
                term.err().println("  " + describe(result.error()));
            }
        }
        term.err().flush();
    }

    /** {@code HttpError at step 3 (incident.agent:14): 503 from https://…}. */
    static String describe(ErrorInfo e) {
        StringBuilder b = new StringBuilder(e.type() == null ? "Error" : e.type());
        if (e.step() != null && !e.step().isEmpty()) {
            b.append(" at ").append(StepTitles.where(e.step(), e.line(), null));
        } else if (e.line() != null && !e.line().isEmpty()) {
            b.append(" at ").append(e.line());
        }
        return b.append(": ").append(e.message()).toString();
    }

    private static String counts(RunCounts c) {
        if (c == null) {
            return "";
        }
        String s = ": " + c.toolCalls() + " tool call" + (c.toolCalls() == 1 ? "" : "s") + ", " + c.steps() + " step"
                + (c.steps() == 1 ? "" : "s");
        if (c.compensationsRun() + c.compensationsFailed() > 0) {
            s += ", " + c.compensationsRun() + " compensation(s) run" + (c.compensationsFailed() > 0
                    ? ", " + c.compensationsFailed() + " failed" : "");
        }
        return s;
    }
}
