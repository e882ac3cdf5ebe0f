package dev.agentplan.regress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.plantest.CaseRun;
import dev.agentplan.plantest.PlanTestRunner;
import dev.agentplan.plantest.TestCase;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.server.RecordedRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-runs recorded runs on one candidate plan and judges each: the recording's inputs start the
 * candidate, its decisions and signals arrive as they did (at the same time after the start and
 * not before the same number of calls had ended), and every tool call is answered from the
 * recording ({@link RecordingAnswers}). The candidate runs on the plan tests' server: the real
 * interpreter, a time-skipping in-process Temporal test server, no real tool.
 */
public final class Regression implements AutoCloseable {

    private final PlanTestRunner runner = new PlanTestRunner();
    private final PinnedDefinition pinned;
    private final AgentDefinition plan;
    private final Path planDirectory;

    /** @param planDirectory where a {@code run agent@ref} step finds {@code agent.agent} (may be null) */
    public Regression(PinnedDefinition pinned, AgentDefinition plan, Path planDirectory) {
        this.pinned = pinned;
        this.plan = plan;
        this.planDirectory = planDirectory;
    }

    public RunVerdict check(RecordedRun rec) {
        String why = notComparable(rec);
        if (why != null) {
            return new RunVerdict(rec.runId(), RunVerdict.Kind.NOT_COMPARABLE, 0, null, null, why, end(rec), null,
                    rec.output(), null);
        }
        RecordingAnswers answers = new RecordingAnswers(rec.calls(), plan);
        CaseRun run = runner.run(pinned, plan, planDirectory, caseOf(rec), answers);
        String recordedEnd = end(rec);
        String candidateEnd = run.result() == null ? "did not end (" + String.join("; ", run.problems()) + ")"
                : end(run.result());
        JsonNode candidateOutput = run.result() == null ? null : run.result().output();
        RecordingAnswers.Parting p = answers.parting();
        if (p != null) {
            CallView cand = new CallView(p.seq(), p.candidate().tool(), p.candidate().arguments(), p.candidate().stepPath(),
                    p.candidate().sourceLine());
            CallView recd = p.recorded() == null ? null : view(p.recorded());
            return new RunVerdict(rec.runId(), p.needsResult() ? RunVerdict.Kind.NEEDS_RESULT : RunVerdict.Kind.DIVERGED,
                    answers.matched(), recd, cand, p.why(), recordedEnd, "stopped at call " + p.seq(), rec.output(), null);
        }
        List<RecordedRun.Call> unused = answers.unused();
        if (!unused.isEmpty()) {
            RecordedRun.Call first = unused.get(0);
            return new RunVerdict(rec.runId(), RunVerdict.Kind.DIVERGED, answers.matched(), view(first), null,
                    "the candidate made no call " + (answers.matched() + 1) + " (the recording made " + rec.calls().size()
                            + "); it " + (run.result() == null ? candidateEnd : "ended " + candidateEnd),
                    recordedEnd, candidateEnd, rec.output(), candidateOutput);
        }
        List<String> problems = run.problems().stream().filter(s -> !s.startsWith("note: ")).toList();
        if (run.result() == null) {
            return new RunVerdict(rec.runId(), RunVerdict.Kind.NOT_COMPARABLE, answers.matched(), null, null,
                    "the candidate did not end: " + String.join("; ", problems), recordedEnd, candidateEnd, rec.output(), null);
        }
        List<String> differences = new ArrayList<>();
        String status = run.result().status().name();
        if (!status.equals(rec.status())) {
            differences.add("it ended " + status + ", the recording " + rec.status());
        }
        String out = JsonDifference.of(rec.output(), candidateOutput, "output");
        if (out != null) {
            differences.add(out);
        }
        String recErr = rec.error() == null ? null : rec.error().type();
        String candErr = run.result().error() == null ? null : run.result().error().type();
        if (recErr != null && candErr != null && !recErr.equals(candErr)) {
            differences.add("error " + recErr + " ≠ " + candErr);
        }
        differences.addAll(problems); // e.g. a recorded decision on a gate the candidate never opened
        RunVerdict.Kind kind = differences.isEmpty() ? RunVerdict.Kind.SAME : RunVerdict.Kind.OUTPUT_CHANGED;
        return new RunVerdict(rec.runId(), kind, answers.matched(), null, null, String.join("; ", differences),
                recordedEnd, candidateEnd, rec.output(), candidateOutput);
    }

    private static String notComparable(RecordedRun rec) {
        if (rec.agent() == null || rec.inputs() == null) {
            return "not the history of an agentplan run (its first event has no plan)";
        }
        if (!rec.firstSegment()) {
            return "the history starts from a continue-as-new (an export holds the latest segment only): use --runs, "
                    + "which reads every segment from the server";
        }
        if (!rec.ended()) {
            return "the run has not ended yet";
        }
        if (!rec.unsupported().isEmpty()) {
            return rec.unsupported().get(0);
        }
        return null;
    }

    /** The recording as a case: its inputs, decisions and signals (its tool answers come from {@link RecordingAnswers}). */
    static TestCase caseOf(RecordedRun rec) {
        List<TestCase.ApprovalScript> approvals = new ArrayList<>();
        List<TestCase.SignalScript> signals = new ArrayList<>();
        for (RecordedRun.Human h : rec.humans()) {
            switch (h.kind()) {
                case DECISION -> approvals.add(new TestCase.ApprovalScript(baseName(h.name()), h.approve(), h.by(),
                        h.comment(), Duration.ofMillis(h.afterGateMillis())));
                case SIGNAL, UPDATE -> signals.add(new TestCase.SignalScript(h.name(), h.payload(),
                        Duration.ofMillis(Math.max(0, h.atMillis())), null, h.kind() == RecordedRun.HumanKind.UPDATE,
                        h.afterCalls()));
            }
        }
        return new TestCase("recorded run " + rec.runId(), rec.inputs(), List.of(), approvals, signals, null);
    }

    private static String baseName(String gate) {
        int hash = gate == null ? -1 : gate.indexOf('#');
        return hash < 0 ? gate : gate.substring(0, hash);
    }

    private static CallView view(RecordedRun.Call c) {
        return new CallView(c.seq(), c.tool(), c.args(), c.step(), c.line());
    }

    private static String end(RecordedRun rec) {
        return end(rec.status(), rec.output(), rec.error());
    }

    private static String end(RunResult r) {
        return end(r.status().name(), r.output(), r.error());
    }

    private static String end(String status, JsonNode output, ErrorInfo error) {
        if (error != null && error.type() != null) {
            return status + " " + error.type() + (error.step() == null || error.step().isEmpty() ? "" : " at step " + error.step())
                    + (error.line() == null || error.line().isEmpty() ? "" : " (" + error.line() + ")");
        }
        return status + (output == null || output.isNull() ? "" : " " + output);
    }

    @Override
    public void close() {
        runner.close();
    }
}
