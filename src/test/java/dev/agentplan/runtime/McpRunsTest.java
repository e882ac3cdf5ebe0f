package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.mcp.McpServers;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP tool calls on the real interpreter and a real Temporal test server, against real MCP servers
 * started by the worker: server-filesystem from npm, and a tiny server of the tests' own that
 * crashes mid-call or hangs. Each call is one activity: Temporal retries it, and a retry after a
 * broken session gets a new session.
 */
class McpRunsTest extends InterpreterTestBase {

    @TempDir
    Path dir;

    @Override
    protected boolean timeSkipping() {
        return false; // real servers, real time; and the approval test talks to a waiting run
    }

    private String filesystem(String extra) {
        Path script = McpServers.script(McpServers.FILESYSTEM);
        return "fs = mcp { command [" + McpServers.quoted(McpServers.node()) + ", " + McpServers.quoted(script) + ", "
                + McpServers.quoted(dir) + "]  timeout 30s " + extra + " }";
    }

    private String misbehaving(Path starts, Path marker, String policy) {
        return "odd = mcp { command [" + McpServers.quoted(McpServers.node()) + ", "
                + McpServers.quoted(McpServers.misbehaving()) + "]  env { MISBEHAVING_STARTS: " + McpServers.quoted(starts)
                + ", MISBEHAVING_MARKER: " + McpServers.quoted(marker) + " }  " + policy + " }";
    }

    private static List<String> lines(Path p) throws Exception {
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void anIsErrorResultIsATypedFailureThePlanCanCatch() throws Exception {
        String text = """
                agent fs_error "read a file the server may not read"
                tools { %s }
                try {
                  r = fs.read_text_file(path: "/etc/hostname")
                  set outcome = "read"
                } catch McpToolError as err {
                  set outcome = err.message
                }
                output { outcome: outcome }
                """.formatted(filesystem("effect read"));
        RunResult r = run(AgentTextTest.deploy("fs_error.agent", text), null);
        assertEquals(RunState.COMPLETED, r.status(), out(r));
        String outcome = r.output().get("outcome").asText();
        assertTrue(outcome.contains("MCP tool `read_text_file` returned an error"), outcome);
        assertTrue(outcome.toLowerCase().contains("access denied") || outcome.toLowerCase().contains("outside"), outcome);
    }

    @Test
    void aResultWithoutTextItemsHasEmptyTextSoStringFunctionsOnItCannotFail() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        String text = """
                agent fs_empty "list an empty directory"
                tools { %s }
                r = fs.list_directory(path: %s)
                output { lowered: lower(r.text), mentions: contains(r.text, "x"), size: length(r.text) }
                """.formatted(filesystem("effect read"), McpServers.quoted(dir.resolve("empty")));
        RunResult r = run(AgentTextTest.deploy("fs_empty.agent", text), null);
        assertEquals(RunState.COMPLETED, r.status(), out(r));
        assertEquals(r.output().get("lowered").asText().length(), r.output().get("size").asInt(), out(r));
        assertTrue(r.output().get("lowered").isTextual(), out(r));
    }

    @Test
    void anUncaughtIsErrorFailsTheRunOnceWithoutRetries() throws Exception {
        String text = """
                agent fs_error2 "read a file the server may not read"
                tools { %s }
                r = fs.read_text_file(path: "/etc/hostname")
                """.formatted(filesystem("effect read  retry { attempts 3 }"));
        RunResult r = run(AgentTextTest.deploy("fs_error2.agent", text), null);
        assertEquals(RunState.FAILED, r.status(), out(r));
        assertEquals("McpToolError", r.error().type(), r.error().toString());
        assertEquals("1", r.error().step(), r.error().toString());
        assertTrue(r.error().details().toString().contains("content"), "the tool's content is in the details: " + r.error());
    }

    @Test
    void aServerThatCrashesMidCallIsRetriedInANewSession() throws Exception {
        Path starts = dir.resolve("starts.txt");
        Path marker = dir.resolve("crashed.txt");
        String text = """
                agent crash "the server dies during the first call"
                tools { %s }
                r = odd.crash_once(note: "x")
                output { text: r.text }
                """.formatted(misbehaving(starts, marker, "timeout 20s  effect read  retry { attempts 3  backoff 100ms }"));
        RunResult r = run(AgentTextTest.deploy("crash.agent", text), null);
        assertEquals(RunState.COMPLETED, r.status(), out(r));
        assertTrue(Files.exists(marker), "the first attempt crashed the server");
        List<String> pids = lines(starts);
        assertEquals(2, pids.size(), "one session for the crashed attempt, a new one for the retry: " + pids);
        assertNotEquals(pids.get(0), pids.get(1));
        assertEquals("survived in " + pids.get(1), r.output().get("text").asText());
    }

    @Test
    void aHangingServerTimesOutAndEachAttemptGetsAFreshSession() throws Exception {
        Path starts = dir.resolve("starts.txt");
        Path marker = dir.resolve("unused.txt");
        String text = """
                agent hang "the server never answers"
                tools { %s }
                r = odd.hang()
                """.formatted(misbehaving(starts, marker, "timeout 3s  effect read  retry { attempts 2  backoff 100ms }"));
        RunResult r = run(AgentTextTest.deploy("hang.agent", text), null);
        assertEquals(RunState.FAILED, r.status(), out(r));
        assertEquals("Timeout", r.error().type(), r.error().toString());
        List<String> pids = lines(starts);
        assertEquals(2, pids.size(), "two attempts, each in its own session: " + pids);
        for (String pid : pids) {
            // the wedged server of each timed-out attempt was ended with its session
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(h -> {
                try {
                    h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("server " + pid + " still runs", e);
                }
            });
        }
    }

    @Test
    void aDestructiveToolWaitsForItsApprovalAndThenRunsOnce() throws Exception {
        Path target = dir.resolve("note.txt");
        String text = """
                agent fs_write "write a file once a person approves"
                tools { %s }
                approve write_ok { ask "Write the note?"  timeout 1h }
                w = fs.write_file(path: %s, content: "approved text")
                output { text: w.text }
                """.formatted(filesystem("tool write_file { effect irreversible  idempotent }"), McpServers.quoted(target));
        WorkflowStub stub = start(AgentTextTest.deploy("fs_write.agent", text), null);
        RunStatus waiting = awaitStatus(stub, s -> s.state() == RunState.WAITING_APPROVAL);
        assertEquals("write_ok", waiting.pendingApprovals().get(0).gate());
        Thread.sleep(300);
        assertFalse(Files.exists(target), "nothing is written before the decision");
        update(stub, InterpreterWorkflow.DECIDE, String.class, new GateDecision("write_ok", true, "alice", "ok"));
        RunResult r = stub.getResult(RunResult.class);
        assertEquals(RunState.COMPLETED, r.status(), out(r));
        assertEquals("approved text", Files.readString(target));
    }

    @Test
    void aToolTheServerMarksDestructiveDoesNotRunUngatedWhenThePlanSaysNothing() throws Exception {
        Path target = dir.resolve("never.txt");
        String text = """
                agent fs_ungated "the plan does not know write_file is destructive"
                tools { %s }
                w = fs.write_file(path: %s, content: "should not be written")
                """.formatted(filesystem("retry { attempts 1 }"), McpServers.quoted(target));
        RunResult r = run(AgentTextTest.deploy("fs_ungated.agent", text), null);
        assertEquals(RunState.FAILED, r.status(), out(r));
        assertEquals("ApprovalMissing", r.error().type(), r.error().toString());
        assertTrue(r.error().message().contains("marks tool `write_file` destructive"), r.error().message());
        assertFalse(Files.exists(target), "the destructive call never ran");
    }
}
