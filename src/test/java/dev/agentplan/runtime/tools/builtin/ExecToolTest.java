package dev.agentplan.runtime.tools.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.tools.TestToolContext;
import dev.agentplan.runtime.tools.ToolConfigKeys;
import dev.agentplan.runtime.tools.ToolFailure;
import io.temporal.client.ActivityCanceledException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecTool tool = new ExecTool(Map.of(
            "PATH", "/usr/bin:/bin",
            "LANG", "C.UTF-8",
            "SECRET_TOKEN", "do-not-leak"));

    private static ObjectNode argv(String... argv) {
        ObjectNode args = JSON.createObjectNode();
        ArrayNode list = args.putArray("argv");
        Arrays.stream(argv).forEach(list::add);
        return args;
    }

    @Test
    void runsAProgramAndCapturesStdout() throws Exception {
        JsonNode result = tool.invoke(argv("/bin/echo", "hello", "$HOME; rm -rf /"), new TestToolContext()).value();
        assertEquals(0, result.get("exit_code").asInt());
        // Arguments reach the program verbatim: no shell expands or splits them.
        assertEquals("hello $HOME; rm -rf /\n", result.get("stdout").asText());
        assertEquals("", result.get("stderr").asText());
        assertFalse(result.get("truncated").asBoolean());
    }

    @Test
    void nonZeroExitIsAResultWithStderr() throws Exception {
        JsonNode result = tool.invoke(argv("/bin/sh", "-c", "echo out; echo oops >&2; exit 3"), new TestToolContext()).value();
        assertEquals(3, result.get("exit_code").asInt());
        assertEquals("out\n", result.get("stdout").asText());
        assertEquals("oops\n", result.get("stderr").asText());
    }

    @Test
    void stdinIsWrittenToTheProgram() throws Exception {
        ObjectNode args = argv("/bin/cat");
        args.put("stdin", "line one\nline two\n");
        assertEquals("line one\nline two\n", tool.invoke(args, new TestToolContext()).value().get("stdout").asText());
    }

    @Test
    void runsInTheGivenWorkingDirectory(@TempDir Path dir) throws Exception {
        ObjectNode args = argv("/bin/sh", "-c", "pwd");
        args.put("cwd", dir.toString());
        String pwd = tool.invoke(args, new TestToolContext()).value().get("stdout").asText().trim();
        assertEquals(dir.toRealPath().toString(), Path.of(pwd).toRealPath().toString());
    }

    @Test
    void childGetsOnlyPathAndAllowedVariables() throws Exception {
        ObjectNode args = argv("/usr/bin/env");
        args.putObject("env").put("GREETING", "hi there");
        TestToolContext context = new TestToolContext().config(ToolConfigKeys.EXEC_ENV_ALLOW, "GREETING, LANG");
        String out = tool.invoke(args, context).value().get("stdout").asText();
        Set<String> lines = new HashSet<>(Arrays.asList(out.split("\n")));
        assertEquals(Set.of("PATH=/usr/bin:/bin", "LANG=C.UTF-8", "GREETING=hi there"), lines);
    }

    @Test
    void variablesOutsideTheAllowListAreRefused() {
        ObjectNode args = argv("/usr/bin/env");
        args.putObject("env").put("SECRET_TOKEN", "x");
        TestToolContext context = new TestToolContext().config(ToolConfigKeys.EXEC_ENV_ALLOW, "GREETING");
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(args, context));
        assertEquals("ExecError", f.type());
        assertFalse(f.retryable());
        assertTrue(f.getMessage().contains("SECRET_TOKEN"), f.getMessage());
    }

    @Test
    void programThatCannotStartIsNotRetryable() {
        ToolFailure f = assertThrows(ToolFailure.class,
                () -> tool.invoke(argv("/no/such/program"), new TestToolContext()));
        assertEquals("ExecError", f.type());
        assertFalse(f.retryable());
    }

    @Test
    void badArgvIsInvalidArguments() {
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(JSON.createObjectNode(), new TestToolContext()));
        assertEquals("InvalidArguments", f.type());
        assertFalse(f.retryable());
    }

    @Test
    void outputIsBoundedWithATruncatedFlag() throws Exception {
        int size = ExecTool.MAX_OUTPUT_BYTES + 5000;
        JsonNode result = tool.invoke(argv("/bin/sh", "-c", "head -c " + size + " /dev/zero | tr '\\0' a"),
                new TestToolContext()).value();
        assertEquals(0, result.get("exit_code").asInt());
        assertEquals(ExecTool.MAX_OUTPUT_BYTES, result.get("stdout").asText().length());
        assertTrue(result.get("truncated").asBoolean());
    }

    @Test
    void heartbeatsWhileTheProgramRuns() throws Exception {
        TestToolContext context = new TestToolContext();
        tool.invoke(argv("/bin/sleep", "1.5"), context);
        assertTrue(context.heartbeats().size() >= 1, "heartbeats: " + context.heartbeats());
    }

    @Test
    void timeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        // The child starts a grandchild, records its pid, and waits for it.
        ObjectNode args = argv("/bin/sh", "-c", "/bin/sleep 60 & echo $! > " + pidFile + "; wait");
        TestToolContext context = new TestToolContext().attemptTimeout(Duration.ofMillis(1500));
        ToolFailure f = assertThrows(ToolFailure.class, () -> tool.invoke(args, context));
        assertEquals("Timeout", f.type());
        assertTrue(f.retryable());
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(running(grandchild), "grandchild " + grandchild + " still runs");
    }

    @Test
    void cancellationKillsTheProcessTreeAndPropagates(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        ObjectNode args = argv("/bin/sh", "-c", "/bin/sleep 60 & echo $! > " + pidFile + "; wait");
        // Heartbeat 1 is at the start, heartbeat 2 a second later, when the grandchild runs.
        TestToolContext context = new TestToolContext().cancelAtHeartbeat(2);
        assertThrows(ActivityCanceledException.class, () -> tool.invoke(args, context));
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(running(grandchild), "grandchild " + grandchild + " still runs");
    }

    @Test
    void killsAlittleBeforeTheAttemptTimeout() {
        assertEquals(Duration.ofMillis(900), ExecTool.killAfter(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(58), ExecTool.killAfter(Duration.ofMinutes(1)));
    }

    /** Alive and not a zombie (PID 1 here may not reap orphans), waiting briefly for the kill to land. */
    private static boolean running(long pid) throws InterruptedException, IOException {
        for (int i = 0; i < 50; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return false;
            }
            String text;
            try {
                text = Files.readString(stat);
            } catch (IOException gone) {
                return false;
            }
            char state = text.substring(text.lastIndexOf(')') + 2).charAt(0);
            if (state == 'Z' || state == 'X') {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
