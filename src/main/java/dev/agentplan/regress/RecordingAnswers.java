package dev.agentplan.regress;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.plantest.TestCase;
import dev.agentplan.plantest.ToolAnswers;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.server.RecordedRun;
import java.util.List;
import java.util.Map;

/**
 * Answers a candidate's tool calls from a recorded run: a call gets the answer the recording got
 * for the same tool with the same arguments, in the recording's order (inside a parallel lane or
 * iteration, whichever unused recorded call fits, since the order of parallel work is not fixed).
 * The first call that has no such counterpart stops the run: it has diverged (the recording made
 * another call there), or it needs a result the recording lacks (the recording had no more calls,
 * or got no answer for that one).
 */
final class RecordingAnswers implements ToolAnswers {

    /** Where the candidate parts from the recording. */
    record Parting(int seq, ToolCallRequest candidate, RecordedRun.Call recorded, String why, boolean needsResult) {
    }

    private final List<RecordedRun.Call> recorded;
    private final boolean[] used;
    private final Map<String, Step> candidateSteps;
    private int matched;
    private volatile Parting parting;

    RecordingAnswers(List<RecordedRun.Call> recorded, AgentDefinition candidate) {
        this.recorded = recorded;
        this.used = new boolean[recorded.size()];
        this.candidateSteps = StepPaths.index(candidate.steps());
    }

    @Override
    public synchronized TestCase.ToolScript choose(ToolCallRequest request, int seq) {
        if (parting != null) {
            return null;
        }
        int next = -1;
        for (int i = 0; i < used.length && next < 0; i++) {
            if (!used[i]) {
                next = i;
            }
        }
        int found = next >= 0 && fits(recorded.get(next), request) ? next : -1;
        if (found < 0 && inParallel(request.stepPath())) {
            for (int i = next + 1; i < used.length && found < 0 && next >= 0; i++) {
                if (!used[i] && fits(recorded.get(i), request)) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            if (next < 0) {
                parting = new Parting(seq, request, null, "the recorded run made only " + recorded.size() + " call"
                        + (recorded.size() == 1 ? "" : "s"), true);
            } else {
                RecordedRun.Call r = counterpart(next, request);
                parting = new Parting(seq, request, r, r.tool().equals(request.tool())
                        ? "arguments differ: " + JsonDifference.of(r.args(), request.arguments(), "")
                        : "another tool: " + r.tool() + " ≠ " + request.tool(), false);
            }
            return null;
        }
        used[found] = true;
        RecordedRun.Call r = recorded.get(found);
        if (r.missing() != null) {
            parting = new Parting(seq, request, r, "the recording has no answer for its call " + r.seq() + ": "
                    + r.missing(), true);
            return null;
        }
        matched++;
        TestCase.Attempt attempt = r.failure() != null
                ? new TestCase.Attempt(null, 0, new TestCase.ScriptedError(r.failure().type(), r.failure().message(),
                        !r.failure().nonRetryable(), r.failure().details()), null)
                : new TestCase.Attempt(r.result(), r.cost() == null ? 0 : r.cost().doubleValue(), null, null);
        return new TestCase.ToolScript(r.seq(), r.tool(), null, null, null, null, List.of(attempt));
    }

    /**
     * The recorded call to show beside a candidate's call that none fits: the next one in order,
     * except inside parallel work, where the unused call of the same tool at the same step is the
     * one it stands for (lanes run in either order).
     */
    private RecordedRun.Call counterpart(int next, ToolCallRequest request) {
        if (inParallel(request.stepPath())) {
            for (int i = next; i < used.length; i++) {
                RecordedRun.Call r = recorded.get(i);
                if (!used[i] && r.tool().equals(request.tool()) && r.step() != null && r.step().equals(request.stepPath())) {
                    return r;
                }
            }
        }
        return recorded.get(next);
    }

    private static boolean fits(RecordedRun.Call r, ToolCallRequest request) {
        return r.tool().equals(request.tool()) && JsonDifference.same(r.args(), request.arguments());
    }

    /** Inside a lane of a parallel step or an iteration of a parallel for-each (of the candidate). */
    private boolean inParallel(String stepPath) {
        if (stepPath == null) {
            return false;
        }
        String[] parts = stepPath.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(part);
            Step s = candidateSteps.get(prefix.toString());
            if (s != null && concurrent(s) && !prefix.toString().equals(stepPath)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the bodies of the step may run side by side, so its calls come in no fixed order: the
     * bodies with a scope of their own (lanes) or one per iteration (a parallel for-each) are the
     * ones that run concurrently; {@code parallel 1} still runs one iteration at a time.
     */
    private static boolean concurrent(Step s) {
        if (s instanceof Step.ForEachStep f && Integer.valueOf(1).equals(f.maxConcurrency())) {
            return false;
        }
        return s.bodies().stream().anyMatch(b -> b.scoping() != Step.Scoping.SHARED);
    }

    synchronized Parting parting() {
        return parting;
    }

    /** Recorded calls the candidate never made, in the recording's order. */
    synchronized List<RecordedRun.Call> unused() {
        return java.util.stream.IntStream.range(0, used.length).filter(i -> !used[i]).mapToObj(recorded::get).toList();
    }

    synchronized int matched() {
        return matched;
    }

    @Override
    public String stopReason() {
        Parting p = parting;
        return p == null ? null : (p.needsResult() ? "needs a tool result the recording lacks" : "diverged from the recording");
    }

    @Override
    public boolean unansweredIsProblem() {
        return false;
    }
}
