package dev.agentplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts runs of either side through untyped stubs (the same client path for both) and checks
 * that each did the work: a benchmark of runs that failed fast would measure nothing.
 */
public final class RunStarter {

    private static final AtomicLong SEQ = new AtomicLong();

    private final WorkflowClient client;
    private final Map<String, PinnedDefinition> plans = new HashMap<>();

    public RunStarter(WorkflowClient client) {
        this.client = client;
    }

    public WorkflowClient client() {
        return client;
    }

    /** The pinned plan for a shape and size (parsed, validated and encoded once). */
    public PinnedDefinition plan(Shape shape, int n, int concurrency) {
        String text = BenchPlans.text(shape, n, concurrency);
        return plans.computeIfAbsent(text, t -> PinnedPlans.pin(BenchPlans.name(shape, n) + ".agent", t));
    }

    public StartedRun start(Side side, Shape shape, int n, int concurrency) {
        String id = "bench-" + (side == Side.INTERPRETER ? "ip" : "hw") + "-" + shape.name().toLowerCase() + n + "-"
                + SEQ.incrementAndGet() + "-" + System.nanoTime();
        WorkflowOptions options = WorkflowOptions.newBuilder().setTaskQueue(BenchWorker.QUEUE).setWorkflowId(id).build();
        if (side == Side.INTERPRETER) {
            return startInterpreter(plan(shape, n, concurrency), shape, n, id, options);
        }
        WorkflowStub stub = client.newUntypedWorkflowStub(HandWrittenWorkflow.TYPE, options);
        long t0 = System.nanoTime();
        JsonNode items = shape == Shape.FOREACH ? inputs(shape, n).get("items") : null;
        String runId = stub.start(HandWrittenRequest.of(shape, n, concurrency, items)).getRunId();
        CompletableFuture<HandWrittenResult> result = stub.getResultAsync(HandWrittenResult.class);
        CompletableFuture<Long> done = result.thenApply(r -> {
            long t1 = System.nanoTime();
            checkHandWritten(r, shape, n, id);
            return t1;
        });
        return new StartedRun(side, id, runId, t0, done, result.thenApply(HandWrittenResult::segments));
    }

    /** Starts the interpreter on a given pinned plan that does {@code shape}'s work for size {@code n}. */
    public StartedRun startInterpreter(PinnedDefinition plan, Shape shape, int n) {
        String id = "bench-ip-custom-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
        return startInterpreter(plan, shape, n, id,
                WorkflowOptions.newBuilder().setTaskQueue(BenchWorker.QUEUE).setWorkflowId(id).build());
    }

    private StartedRun startInterpreter(PinnedDefinition plan, Shape shape, int n, String id, WorkflowOptions options) {
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE, options);
        long t0 = System.nanoTime();
        String runId = stub.start(new RunRequest(plan, inputs(shape, n), null)).getRunId();
        CompletableFuture<RunResult> result = stub.getResultAsync(RunResult.class);
        CompletableFuture<Long> done = result.thenApply(r -> {
            long t1 = System.nanoTime();
            checkInterpreter(r, shape, n, id);
            return t1;
        });
        return new StartedRun(Side.INTERPRETER, id, runId, t0, done, result.thenApply(r -> r.counts().segments()));
    }

    /** The plan's inputs: FOREACH's items 0..n-1, LOOP's count. */
    static ObjectNode inputs(Shape shape, int n) {
        ObjectNode in = JsonNodeFactory.instance.objectNode();
        if (shape == Shape.FOREACH) {
            ArrayNode items = in.putArray("items");
            for (int i = 0; i < n; i++) {
                items.add(i);
            }
        } else if (shape == Shape.LOOP) {
            in.put("n", n);
        }
        return in;
    }

    private static void checkInterpreter(RunResult r, Shape shape, int n, String id) {
        if (r.status() != RunState.COMPLETED) {
            throw new IllegalStateException("interpreter run " + id + " ended " + r.status() + ": " + r.error());
        }
        long expected = switch (shape) {
            case CHAIN -> r.output().path("last").asLong();
            case FANOUT -> r.output().path("lanes").asLong();
            case FOREACH -> r.output().path("n").asLong();
            case LOOP -> r.output().path("calls").asLong();
        };
        if (expected != n || r.counts().toolCalls() != n) {
            throw new IllegalStateException("interpreter run " + id + " did the wrong work: output " + r.output()
                    + ", " + r.counts().toolCalls() + " tool calls, expected " + n);
        }
    }

    private static void checkHandWritten(HandWrittenResult r, Shape shape, int n, String id) {
        long expected = switch (shape) {
            case CHAIN -> n;
            case FANOUT -> (long) n * (n + 1) / 2;
            case FOREACH -> (long) n * (n - 1) / 2;
            case LOOP -> n - 1;
        };
        if (r.value() != expected || r.calls() != n) {
            throw new IllegalStateException("hand-written run " + id + " did the wrong work: " + r + ", expected value "
                    + expected + " and " + n + " calls");
        }
    }
}
