package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real tool activity for interpreter tests (activity type = kind name):
 * {@code echo} returns its arguments (charging {@code cost} when given); {@code fail} fails its first
 * {@code times} attempts with {@code error}; {@code slow} sleeps {@code ms} heartbeating and notes
 * when it is cancelled; {@code count} sleeps {@code ms} while counting how many run at once.
 */
public final class TestTools implements DynamicActivity {

    public static final ToolKind SLOW = new ToolKind("slow", "sleeps, heartbeating", List.of(), true, Effect.READ, false);
    public static final ToolKind COUNT = new ToolKind("count", "counts concurrency", List.of(), true, Effect.READ, false);

    public final List<ToolCallRequest> calls = new CopyOnWriteArrayList<>();
    public final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();

    public static ToolKind kind(String name) {
        return switch (name) {
            case "slow" -> SLOW;
            case "count" -> COUNT;
            default -> BuiltinToolKinds.byName(name);
        };
    }

    public void reset() {
        calls.clear();
        cancelled.clear();
        inFlight.set(0);
        maxInFlight.set(0);
    }

    /** The requests of one plan tool, in the order they started. */
    public List<ToolCallRequest> callsOf(String tool) {
        List<ToolCallRequest> out = new ArrayList<>();
        for (ToolCallRequest r : calls) {
            if (r.tool().equals(tool)) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public Object execute(EncodedValues args) {
        ActivityExecutionContext ctx = Activity.getExecutionContext();
        String kind = ctx.getInfo().getActivityType();
        ToolCallRequest req = args.get(0, ToolCallRequest.class);
        calls.add(req);
        int attempt = ctx.getInfo().getAttempt();
        JsonNode a = req.arguments();
        switch (kind) {
            case "echo":
                return new ToolCallResult(a, a.has("cost") ? a.get("cost").decimalValue() : BigDecimal.ZERO, attempt);
            case "fail":
                if (attempt <= a.path("times").asInt(1)) {
                    String type = a.path("error").asText("TestError");
                    String message = a.path("message").asText("failed on purpose") + " (attempt " + attempt + ")";
                    if (a.path("retryable").asBoolean(true)) {
                        throw ApplicationFailure.newFailure(message, type, Map.of("attempt", attempt));
                    }
                    throw ApplicationFailure.newNonRetryableFailure(message, type, Map.of("attempt", attempt));
                }
                return new ToolCallResult(a.has("result") ? a.get("result") : a, BigDecimal.ZERO, attempt);
            case "slow":
                sleepHeartbeating(ctx, a.path("ms").asLong(10_000), req);
                return new ToolCallResult(a, BigDecimal.ZERO, attempt);
            case "count":
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    sleepHeartbeating(ctx, a.path("ms").asLong(30), req);
                } finally {
                    inFlight.decrementAndGet();
                }
                return new ToolCallResult(a, BigDecimal.ZERO, attempt);
            default:
                throw ApplicationFailure.newNonRetryableFailure("no test tool kind " + kind, "ToolError");
        }
    }

    private void sleepHeartbeating(ActivityExecutionContext ctx, long ms, ToolCallRequest req) {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                ctx.heartbeat(null);
                Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (ActivityCompletionException e) {
            cancelled.add(req.stepPath() + (req.arguments().has("lane") ? ":" + req.arguments().get("lane").asText() : ""));
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
