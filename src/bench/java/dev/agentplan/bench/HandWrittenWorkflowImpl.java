package dev.agentplan.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same work as the benchmark plans, written by hand the way a Temporal user would: a typed
 * activity stub, promises for fan-out, a counter for bounded concurrency, continue-as-new when
 * the server suggests it. Activity options equal what the interpreter derives for a tool with no
 * policy (1 minute start-to-close, 3 attempts), and each call carries the same kind of request
 * (with the same SHA-256 idempotency key), so both sides run identical activities.
 */
public final class HandWrittenWorkflowImpl implements HandWrittenWorkflow {

    static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build();

    private final EchoActivity echo = Workflow.newActivityStub(EchoActivity.class, OPTIONS);

    @Override
    public HandWrittenResult run(HandWrittenRequest request) {
        return switch (request.shape()) {
            case CHAIN -> chain(request.n());
            case FANOUT -> fanOut(request.n());
            case FOREACH -> forEach(request);
            case LOOP -> loop(request);
        };
    }

    private HandWrittenResult chain(int n) {
        long v = 0;
        for (int k = 1; k <= n; k++) {
            v = value(echo.echo(call(Integer.toString(k), "", v + 1)));
        }
        return new HandWrittenResult(v, n, 1);
    }

    private HandWrittenResult fanOut(int n) {
        List<Promise<ToolCallResult>> calls = new ArrayList<>(n);
        for (int k = 1; k <= n; k++) {
            calls.add(Async.function(echo::echo, call("1/lane:l" + k + "/1", "", k)));
        }
        Promise.allOf(calls).get();
        long sum = 0;
        for (Promise<ToolCallResult> c : calls) {
            sum += value(c.get());
        }
        return new HandWrittenResult(sum, n, 1);
    }

    private HandWrittenResult forEach(HandWrittenRequest request) {
        int n = request.items().size();
        int limit = Math.max(1, request.concurrency());
        int[] running = {0};
        List<Promise<ToolCallResult>> calls = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Workflow.await(() -> running[0] < limit);
            running[0]++;
            Promise<ToolCallResult> p = Async.function(echo::echo,
                    call("1/body/1", "1#" + k, request.items().get(k).asLong()));
            calls.add(p.handle((result, failure) -> {
                running[0]--;
                if (failure != null) {
                    throw failure;
                }
                return result;
            }));
        }
        Promise.allOf(calls).get();
        long sum = 0;
        for (Promise<ToolCallResult> c : calls) {
            sum += value(c.get());
        }
        return new HandWrittenResult(sum, n, 1);
    }

    private HandWrittenResult loop(HandWrittenRequest request) {
        long last = request.last();
        for (int i = request.next(); i < request.n(); i++) {
            if (i > request.next() && Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(new HandWrittenRequest(Shape.LOOP, request.n(), 0, null, i, last,
                        request.segment() + 1));
            }
            last = value(echo.echo(call("2/body/1", "2#" + i, i)));
        }
        return new HandWrittenResult(last, request.n(), request.segment());
    }

    /** The request the interpreter would send for the call at {@code path} in loop iteration {@code iteration}. */
    private static ToolCallRequest call(String path, String iteration, long i) {
        WorkflowInfo info = Workflow.getInfo();
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("i", i);
        String key = Sha256.of(info.getWorkflowId() + "|" + info.getFirstExecutionRunId() + "|"
                + path + "|" + iteration);
        return new ToolCallRequest("e", "echo", args, key, info.getWorkflowId(), path, "");
    }

    private static long value(ToolCallResult result) {
        return result.value().path("i").asLong();
    }
}
