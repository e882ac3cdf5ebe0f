package dev.agentplan.plantest;

import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;

/**
 * Answers every tool activity (whatever its type) from the script of the case whose run made the
 * call; no real tool is ever called. Child runs (workflow id {@code parent/step}) use their
 * parent's script. A call no script entry fits fails at once with the non-retryable type
 * {@value #UNSCRIPTED}.
 */
public final class ScriptedTools implements DynamicActivity {

    public static final String UNSCRIPTED = "Unscripted";

    private final Map<String, CaseScript> cases = new ConcurrentHashMap<>();
    ScriptedTools() {
    }

    void register(String runId, CaseScript script) {
        cases.put(runId, script);
    }

    void unregister(String runId) {
        CaseScript script = cases.remove(runId);
        if (script != null) {
            script.finished = true;
        }
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        String workflowId = info.getWorkflowId();
        int slash = workflowId.indexOf('/');
        CaseScript script = cases.get(slash < 0 ? workflowId : workflowId.substring(0, slash));
        ToolCallRequest request = args.getSize() > 0 ? args.get(0, ToolCallRequest.class) : null;
        if (script == null || request == null) {
            throw ApplicationFailure.newNonRetryableFailure("no test case owns run " + workflowId, UNSCRIPTED);
        }
        script.busy.incrementAndGet();
        try {
            int attempt = info.getAttempt();
            CaseScript.Answer answer = script.answer(info.getRunId() + "#" + info.getActivityId(), attempt, request,
                    workflowId);
            if (answer == null) {
                throw ApplicationFailure.newNonRetryableFailure("the test case scripts no answer for "
                        + request.tool() + " at step " + request.stepPath(), UNSCRIPTED);
            }
            TestCase.Attempt a = answer.attempt();
            if (a.delay() != null && !a.delay().isZero()) {
                waitOut(info, request.tool(), a.delay());
            }
            if (a.error() != null) {
                TestCase.ScriptedError e = a.error();
                ApplicationFailure.Builder failure = ApplicationFailure.newBuilder().setType(e.type())
                        .setMessage(e.message()).setNonRetryable(!e.retryable());
                if (e.details() != null) {
                    failure.setDetails(e.details());
                }
                throw failure.build();
            }
            return new ToolCallResult(a.result(), BigDecimal.valueOf(a.cost()), attempt);
        } finally {
            script.busy.decrementAndGet();
        }
    }

    /**
     * An attempt that takes {@code delay}. While a call runs, the test server's clock cannot skip
     * (it moves at the pace of real time), so a delay shorter than the attempt's timeout is waited
     * out in real time; one at or beyond the timeout fails the attempt at once with a retryable
     * {@code Timeout}, as the server would after the timeout, without waiting for it.
     */
    private static void waitOut(ActivityInfo info, String tool, Duration delay) {
        Duration timeout = info.getStartToCloseTimeout();
        if (timeout != null && !timeout.isZero() && delay.compareTo(timeout) >= 0) {
            throw ApplicationFailure.newFailure("tool '" + tool + "': the scripted delay of " + delay.toMillis()
                    + " ms outlasts the attempt's timeout of " + timeout.toMillis() + " ms", "Timeout");
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
