package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.ToolResult;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.converter.EncodedValues;
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
 * The worker's real {@link ToolActivity} (built-in echo, fail, … plus three test kinds), wrapped
 * so tests can see every request it received. Test kinds: {@code slow} sleeps {@code ms},
 * heartbeating, and notes when it is cancelled; {@code count} sleeps {@code ms} counting how many
 * run at once; {@code priced} returns its arguments and costs {@code cost}.
 */
public final class TestTools implements DynamicActivity {

    public final List<ToolCallRequest> calls = new CopyOnWriteArrayList<>();
    public final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    public final AtomicInteger inFlight = new AtomicInteger();
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final ToolActivity delegate;

    public TestTools() {
        List<Tool> tools = new ArrayList<>(BuiltinTools.create());
        tools.add(new Slow());
        tools.add(new Count());
        tools.add(new Priced());
        delegate = new ToolActivity(ToolRegistry.of(tools), WorkerConfig.of(Map.of()));
    }

    public ToolRegistry registry() {
        return delegate.registry();
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
        calls.add(args.get(0, ToolCallRequest.class));
        return delegate.execute(args);
    }

    private static ToolKind kind(String name) {
        return new ToolKind(name, "test tool " + name, List.of(), true, Effect.READ, false);
    }

    private void sleepHeartbeating(ToolContext ctx, long ms, JsonNode args) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                ctx.heartbeat(null);
                Thread.sleep(Math.min(20, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (ActivityCompletionException e) {
            cancelled.add(ctx.stepPath() + (args.has("lane") ? ":" + args.get("lane").asText() : ""));
            throw e;
        }
    }

    private final class Slow implements Tool {
        @Override
        public ToolKind kind() {
            return TestTools.kind("slow");
        }

        @Override
        public ToolResult invoke(JsonNode args, ToolContext ctx) throws Exception {
            sleepHeartbeating(ctx, args.path("ms").asLong(10_000), args);
            return ToolResult.of(args);
        }
    }

    private final class Count implements Tool {
        @Override
        public ToolKind kind() {
            return TestTools.kind("count");
        }

        @Override
        public ToolResult invoke(JsonNode args, ToolContext ctx) throws Exception {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                sleepHeartbeating(ctx, args.path("ms").asLong(30), args);
            } finally {
                inFlight.decrementAndGet();
            }
            return ToolResult.of(args);
        }
    }

    private static final class Priced implements Tool {
        @Override
        public ToolKind kind() {
            return TestTools.kind("priced");
        }

        @Override
        public ToolResult invoke(JsonNode args, ToolContext ctx) {
            return new ToolResult(args, args.has("cost") ? args.get("cost").decimalValue() : BigDecimal.ZERO);
        }
    }
}
