package dev.agentplan.runtime.tools.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.Effect;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.JsonSizeCap;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.ToolResult;
import dev.agentplan.runtime.tools.WorkerConfig;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one attempt's outcome becomes the activity's result or Temporal failure (without a server). */
class ToolActivityTest {

    /** A tool doing whatever the test says. */
    private record ScriptedTool(String name, Script script) implements Tool {
        interface Script {
            ToolResult run(JsonNode arguments, ToolContext context) throws Exception;
        }

        @Override
        public ToolKind kind() {
            return new ToolKind(name, "", List.of(), true, Effect.READ, false);
        }

        @Override
        public ToolResult invoke(JsonNode arguments, ToolContext context) throws Exception {
            return script.run(arguments, context);
        }
    }

    private static ToolActivity activity(ScriptedTool.Script script) {
        return new ToolActivity(ToolRegistry.of(List.of(new ScriptedTool("scripted", script))), WorkerConfig.of(java.util.Map.of()));
    }

    private static ToolCallRequest request(String kind) {
        return new ToolCallRequest("t", kind, ToolJson.object().put("x", 1), "run-1/1", "run-1", "1", "plan.agent:3");
    }

    @Test
    void resultCarriesValueCostAndAttempt() {
        ToolActivity activity = activity((args, ctx) -> new ToolResult(ToolJson.object().put("got", args.get("x").asInt()), new BigDecimal("0.25")));
        ToolCallResult result = activity.call("scripted", request("scripted"), new TestToolContext().attempt(2));
        assertEquals(1, result.value().get("got").asInt());
        assertEquals(new BigDecimal("0.25"), result.cost());
        assertEquals(2, result.attempt());
    }

    @Test
    void toolFailureKeepsTypeRetryabilityDetailsAndDelay() {
        ObjectNode details = ToolJson.object().put("status", 503);
        ToolActivity activity = activity((args, ctx) -> {
            throw new ToolFailure("HttpError", "GET x returned HTTP 503", true, Duration.ofSeconds(7), details);
        });
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext()));
        assertEquals("HttpError", f.getType());
        assertFalse(f.isNonRetryable());
        assertEquals(Duration.ofSeconds(7), f.getNextRetryDelay());
        assertEquals(503, f.getDetails().get(JsonNode.class).get("status").asInt());
        assertTrue(f.getOriginalMessage().contains("503"));
    }

    @Test
    void nonRetryableToolFailureIsNonRetryable() {
        ToolActivity activity = activity((args, ctx) -> {
            throw ToolFailure.nonRetryable("NotFound", "gone");
        });
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext()));
        assertEquals("NotFound", f.getType());
        assertTrue(f.isNonRetryable());
        assertNull(f.getNextRetryDelay());
    }

    @Test
    void anyOtherExceptionIsARetryableToolError() {
        ToolActivity activity = activity((args, ctx) -> {
            throw new IllegalStateException("bug\n  at somewhere");
        });
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext()));
        assertEquals("ToolError", f.getType());
        assertFalse(f.isNonRetryable());
        assertEquals("scripted: IllegalStateException: bug", f.getOriginalMessage());
    }

    @Test
    void cancellationPassesThrough() {
        ActivityCanceledException cancelled = new ActivityCanceledException();
        ToolActivity activity = activity((args, ctx) -> {
            throw cancelled;
        });
        assertSame(cancelled, assertThrows(ActivityCanceledException.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext())));
    }

    @Test
    void unknownKindIsNotRetryable() {
        ToolActivity activity = activity((args, ctx) -> ToolResult.of(null));
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("nope", request("nope"), new TestToolContext()));
        assertEquals("UnknownTool", f.getType());
        assertTrue(f.isNonRetryable());
        ApplicationFailure mismatch = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("other"), new TestToolContext()));
        assertEquals("UnknownTool", mismatch.getType());
    }

    @Test
    void oversizedResultsFailWithResultTooLargeByDefault() {
        String big = "é".repeat(JsonSizeCap.MAX_RESULT_BYTES);
        ToolActivity activity = activity((args, ctx) -> ToolResult.of(ToolJson.object().put("text", big)));
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext()));
        assertEquals("ResultTooLarge", f.getType());
        assertTrue(f.isNonRetryable());
        assertTrue(f.getOriginalMessage().startsWith("tool 't' (scripted) returned 512 KiB (524299 bytes), over the limit"
                + " of 256 KiB for a tool result"), f.getOriginalMessage());
    }

    @Test
    void aResultTheToolMarksTruncatedFailsUnlessTheCallAcceptsIt() {
        ToolActivity activity = activity((args, ctx) -> ToolResult.of(ToolJson.object().put("body", "cut")
                .put("truncated", true).put("saw_flag", args.has(JsonSizeCap.ACCEPT_TRUNCATED))));
        ApplicationFailure f = assertThrows(ApplicationFailure.class,
                () -> activity.call("scripted", request("scripted"), new TestToolContext()));
        assertEquals("ResultTooLarge", f.getType());
        assertTrue(f.getOriginalMessage().startsWith("tool 't' (scripted) returned a truncated result"), f.getOriginalMessage());
        ToolCallRequest accepting = new ToolCallRequest("t", "scripted", ToolJson.object().put("accept_truncated", true),
                "run-1/1", "run-1", "1", "plan.agent:3");
        JsonNode value = activity.call("scripted", accepting, new TestToolContext()).value();
        assertEquals("{\"body\":\"cut\",\"truncated\":true,\"saw_flag\":false}", value.toString());
    }

    @Test
    void oversizedResultsBecomeATruncationMarkerWhenTheCallAcceptsIt() {
        String big = "é".repeat(JsonSizeCap.MAX_RESULT_BYTES);
        ToolActivity activity = activity((args, ctx) -> ToolResult.of(ToolJson.object().put("text", big)));
        ToolCallRequest accepting = new ToolCallRequest("t", "scripted", ToolJson.object().put("accept_truncated", true),
                "run-1/1", "run-1", "1", "plan.agent:3");
        JsonNode value = activity.call("scripted", accepting, new TestToolContext()).value();
        assertTrue(value.get("truncated").asBoolean());
        int serialized = ("{\"text\":\"" + big + "\"}").getBytes(StandardCharsets.UTF_8).length;
        assertEquals(serialized, value.get("bytes").asInt());
        assertEquals(JsonSizeCap.PREVIEW_CHARS, value.get("preview").asText().length());
        assertTrue(value.get("preview").asText().startsWith("{\"text\":\"éé"));
    }

    @Test
    void resultsUnderTheCapAreUntouched() {
        ObjectNode value = ToolJson.object().put("text", "x".repeat(JsonSizeCap.MAX_RESULT_BYTES - 100));
        assertSame(value, JsonSizeCap.bound(value, JsonSizeCap.MAX_RESULT_BYTES));
    }

    @Test
    void nullResultIsJsonNull() {
        ToolActivity activity = activity((args, ctx) -> null);
        ToolCallResult result = activity.call("scripted", request("scripted"), new TestToolContext());
        assertTrue(result.value().isNull());
        assertEquals(BigDecimal.ZERO, result.cost());
    }
}
