package dev.agentplan.plantest;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.StepLogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a case's run with its expectations and names the first difference, with the step and
 * plan line it is about. Checked in this order, so the most telling difference comes first:
 * harness problems (an unscripted call), the calls, the end state and error, the output, the budget.
 */
final class Verdicts {

    private Verdicts() {
    }

    static CaseVerdict judge(TestCase tc, CaseRun run, long realMillis) {
        Diff d = firstDifference(tc.expect(), run);
        return d == null ? new CaseVerdict(tc.name(), null, "", "", realMillis, run)
                : new CaseVerdict(tc.name(), d.text, d.step, d.line, realMillis, run);
    }

    private record Diff(String text, String step, String line) {
    }

    private static Diff firstDifference(TestCase.Expect e, CaseRun run) {
        List<RecordedCall> calls = run.calls();
        for (RecordedCall c : calls) {
            if (c.scriptEntry() == 0) {
                return new Diff("call " + c.seq() + " " + c.tool() + "(" + Matchers.brief(c.args())
                        + ") has no scripted answer", c.stepPath(), c.line());
            }
        }
        if (!run.problems().isEmpty() && run.result() == null) {
            return new Diff(run.problems().get(0), "", "");
        }
        RunResult r = run.result();
        if (e.calls() != null) {
            Diff d = e.callsInAnyOrder() ? callsAnyOrder(e.calls(), calls, r, run) : calls(e.calls(), calls, r, run);
            if (d != null) {
                return d;
            }
        }
        String state = r.status().name();
        if (!state.equals(e.state())) {
            ErrorInfo err = r.error();
            return new Diff("expected the run to end " + e.state() + ", it ended " + state
                    + (err == null ? "" : " with " + err.type() + ": " + err.message()),
                    err == null ? lastStep(run) : err.step(), err == null ? lastLine(run) : err.line());
        }
        if (e.error() != null) {
            ErrorInfo err = r.error();
            TestCase.ExpectedError x = e.error();
            if (x.type() != null && !x.type().equals(err.type())) {
                return new Diff("expected error " + x.type() + ", got " + err.type() + ": " + err.message(),
                        err.step(), err.line());
            }
            if (x.step() != null && !x.step().equals(err.step())) {
                return new Diff("expected the error at step " + x.step() + ", it was at step " + err.step(),
                        err.step(), err.line());
            }
            if (x.line() != null && x.line() != Lines.number(err.line())) {
                return new Diff("expected the error on line " + x.line() + ", it was on " + err.line(),
                        err.step(), err.line());
            }
            if (x.message() != null) {
                String m = Matchers.difference(x.message(), TextNode.valueOf(err.message()), "error message");
                if (m != null) {
                    return new Diff(m, err.step(), err.line());
                }
            }
        }
        if (e.output() != null) {
            String m = Matchers.difference(e.output(), r.output(), "output");
            if (m != null) {
                return new Diff(m, "", "");
            }
        }
        if (e.toolCalls() != null && e.toolCalls() != r.counts().toolCalls()) {
            return new Diff("expected " + e.toolCalls() + " tool calls of the budget used, got " + r.counts().toolCalls(),
                    "", "");
        }
        if (e.steps() != null && e.steps() != r.counts().steps()) {
            return new Diff("expected " + e.steps() + " steps of the budget used, got " + r.counts().steps(), "", "");
        }
        if (e.cost() != null && e.cost().compareTo(r.counts().cost()) != 0) {
            return new Diff("expected a cost of " + e.cost().toPlainString() + ", got " + r.counts().cost().toPlainString(),
                    "", "");
        }
        for (String problem : run.problems()) {
            if (!problem.startsWith(CaseDriver.NOTE)) {
                return new Diff(problem, "", "");
            }
        }
        return null;
    }

    private static Diff calls(List<TestCase.ExpectedCall> expected, List<RecordedCall> actual, RunResult r,
                              CaseRun run) {
        for (int i = 0; i < expected.size(); i++) {
            TestCase.ExpectedCall x = expected.get(i);
            if (i >= actual.size()) {
                return new Diff("expected call " + (i + 1) + " " + x.tool() + ", but the run made only " + actual.size()
                        + " call" + (actual.size() == 1 ? "" : "s") + " and ended " + r.status()
                        + (r.error() == null ? "" : " (" + r.error().type() + ")") + " after " + where(run, r),
                        stopStep(run, r), stopLine(run, r));
            }
            RecordedCall c = actual.get(i);
            String m = fit(x, c);
            if (m != null) {
                return new Diff("call " + (i + 1) + ": " + m, c.stepPath(), c.line());
            }
        }
        if (actual.size() > expected.size()) {
            RecordedCall c = actual.get(expected.size());
            return new Diff("unexpected call " + c.seq() + ": " + c.tool() + "(" + Matchers.brief(c.args())
                    + "); expected " + expected.size() + " call" + (expected.size() == 1 ? "" : "s"), c.stepPath(), c.line());
        }
        return null;
    }

    private static Diff callsAnyOrder(List<TestCase.ExpectedCall> expected, List<RecordedCall> actual, RunResult r,
                                      CaseRun run) {
        List<RecordedCall> left = new ArrayList<>(actual);
        for (TestCase.ExpectedCall x : expected) {
            RecordedCall match = left.stream().filter(c -> fit(x, c) == null).findFirst().orElse(null);
            if (match == null) {
                return new Diff("expected a call " + x.tool() + (x.args() == null ? "" : "(" + Matchers.brief(x.args()) + ")")
                        + " that the run did not make (it ended " + r.status() + " after " + where(run, r) + ")",
                        stopStep(run, r), stopLine(run, r));
            }
            left.remove(match);
        }
        if (!left.isEmpty()) {
            RecordedCall c = left.get(0);
            return new Diff("unexpected call " + c.seq() + ": " + c.tool() + "(" + Matchers.brief(c.args()) + ")",
                    c.stepPath(), c.line());
        }
        return null;
    }

    private static String fit(TestCase.ExpectedCall x, RecordedCall c) {
        if (!x.tool().equals(c.tool())) {
            return "expected " + x.tool() + ", got " + c.tool() + "(" + Matchers.brief(c.args()) + ")";
        }
        if (x.step() != null && !x.step().equals(c.stepPath())) {
            return "expected " + x.tool() + " at step " + x.step() + ", it was called at step " + c.stepPath();
        }
        if (x.args() != null) {
            return Matchers.difference(x.args(), c.args(), c.tool() + " args");
        }
        return null;
    }

    private static String where(CaseRun run, RunResult r) {
        String step = stopStep(run, r);
        return step.isEmpty() ? "its last step" : "step " + step + Lines.suffix(stopLine(run, r));
    }

    private static String stopStep(CaseRun run, RunResult r) {
        return r.error() != null && r.error().step() != null && !r.error().step().isEmpty() ? r.error().step() : lastStep(run);
    }

    private static String stopLine(CaseRun run, RunResult r) {
        return r.error() != null && r.error().line() != null && !r.error().line().isEmpty() ? r.error().line() : lastLine(run);
    }

    private static String lastStep(CaseRun run) {
        StepLogEntry e = lastLeaf(run);
        return e == null ? "" : e.path();
    }

    private static String lastLine(CaseRun run) {
        StepLogEntry e = lastLeaf(run);
        return e == null ? "" : e.line();
    }

    /** The step that finished last (a parent finishes after its children, so prefer the last-started of the latest). */
    private static StepLogEntry lastLeaf(CaseRun run) {
        List<StepLogEntry> log = run.stepLog();
        StepLogEntry best = null;
        for (StepLogEntry e : log) {
            if (best == null || e.startedAt().compareTo(best.startedAt()) >= 0) {
                best = e;
            }
        }
        return best;
    }
}
