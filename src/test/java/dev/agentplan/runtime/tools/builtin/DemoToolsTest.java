package dev.agentplan.runtime.tools.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import io.temporal.client.ActivityCanceledException;
import org.junit.jupiter.api.Test;

/** echo, fail and sleep: the tools for demos and tests. */
class DemoToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void echoReturnsItsArguments() throws Exception {
        JsonNode args = JSON.readTree("{\"a\": 1, \"b\": [true, null, \"x\"]}");
        assertEquals(args, new EchoTool().invoke(args, new TestToolContext()).value());
    }

    @Test
    void failFailsTheFirstAttemptsThenReturnsTheResult() throws Exception {
        JsonNode args = JSON.readTree("{\"times\": 2, \"error\": \"Boom\", \"result\": {\"ok\": true}}");
        FailTool tool = new FailTool();
        for (int attempt = 1; attempt <= 2; attempt++) {
            int a = attempt;
            ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(args, new TestToolContext().attempt(a)));
            assertEquals("Boom", f.type());
            assertTrue(f.retryable());
        }
        assertEquals(JSON.readTree("{\"ok\": true}"), tool.invoke(args, new TestToolContext().attempt(3)).value());
    }

    @Test
    void failDefaultsToOneFlakyAttemptAndCanBeNonRetryable() throws Exception {
        FailTool tool = new FailTool();
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.readTree("{}"), new TestToolContext()));
        assertEquals("Flaky", f.type());
        assertTrue(tool.invoke(JSON.readTree("{}"), new TestToolContext().attempt(2)).value().isNull());
        ToolFailure fatal = assertThrows(ToolFailure.class,
                () -> tool.invoke(JSON.readTree("{\"retryable\": false, \"message\": \"no\"}"), new TestToolContext()));
        assertFalse(fatal.retryable());
        assertEquals("no", fatal.getMessage());
    }

    @Test
    void sleepWaitsAndHeartbeats() throws Exception {
        TestToolContext context = new TestToolContext();
        JsonNode result = new SleepTool().invoke(JSON.readTree("{\"duration\": \"1200ms\"}"), context).value();
        assertEquals(1200, result.get("slept_ms").asLong());
        // one when it starts, one after the first second
        assertEquals(2, context.heartbeats().size());
    }

    @Test
    void sleepStopsWhenCancelled() throws Exception {
        TestToolContext context = new TestToolContext().cancelAtHeartbeat(1);
        assertThrows(ActivityCanceledException.class,
                () -> new SleepTool().invoke(JSON.readTree("{\"duration\": \"1h\"}"), context));
        assertEquals(1, context.heartbeats().size());
    }

    @Test
    void sleepRejectsWhatIsNotADuration() {
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> new SleepTool().invoke(JSON.readTree("{\"duration\": \"soon\"}"), new TestToolContext()));
        assertEquals("InvalidArguments", f.type());
    }
}
