package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.RunClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI says about ended runs, file runs on a server, and files that are not there. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunMessagesTest {

    @TempDir
    static Path dir;

    private LocalStack stack;
    private Connection connection;
    private String repo;

    @BeforeAll
    void startServer() {
        repo = dir.resolve("repo").toString();
        stack = LocalStack.start(0, null, false, new RepositoryResolver(FileDefinitionRepository.open(repo)));
        connection = Connection.open(stack.address(), null);
    }

    @AfterAll
    void stopServer() {
        connection.close();
        stack.close();
    }

    private Cli.Result cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--address";
        all[args.length + 1] = stack.address();
        all[args.length + 2] = "--repo";
        all[args.length + 3] = repo;
        return Cli.run(all);
    }

    private Cli.Result steer(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--address";
        all[args.length + 1] = stack.address();
        return Cli.run(all);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private void awaitSignalWait(String runId) throws InterruptedException {
        RunClient client = new RunClient(connection);
        for (int i = 0; i < 300; i++) {
            try {
                if (client.status(runId).awaitingSignals().contains("ci_finished")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // before the first workflow task
            }
            Thread.sleep(100);
        }
        throw new AssertionError(runId + " never waited");
    }

    @Test
    void aSecondCancelOrAnApproveOnACancelledRunSaysCancelled() throws Exception {
        Path file = write("waiter.agent", TestPlans.WAITER);
        Cli.Result started = cli("run", file.toString(), "--detach", "--id", "waiter-cancelled");
        assertEquals(0, started.exit(), started.toString());
        awaitSignalWait("waiter-cancelled");
        assertEquals(0, steer("cancel", "waiter-cancelled", "--as", "carol").exit());
        for (int i = 0; i < 300 && new RunClient(connection).describe("waiter-cancelled").isRunning(); i++) {
            Thread.sleep(100);
        }
        assertEquals(RunState.CANCELLED, new RunClient(connection).resultIfEnded("waiter-cancelled").orElseThrow().status());

        Cli.Result twice = steer("cancel", "waiter-cancelled", "--as", "carol");
        assertEquals(ExitCode.FAILED, twice.exit(), twice.toString());
        assertTrue(twice.err().contains("run waiter-cancelled has already ended (cancelled)"), twice.toString());
        Cli.Result approve = steer("approve", "waiter-cancelled", "any_gate", "--as", "carol");
        assertEquals(ExitCode.FAILED, approve.exit(), approve.toString());
        assertTrue(approve.err().contains("has already ended (cancelled)"), approve.toString());
    }

    @Test
    void aFileRunOnAServerIsListedByRuns() throws Exception {
        Path file = write("waiter2.agent", TestPlans.WAITER);
        Cli.Result started = cli("run", file.toString(), "--detach", "--id", "file-run-listed");
        assertEquals(0, started.exit(), started.toString());
        Cli.Result runs = Cli.run("runs", "--repo", repo);
        assertEquals(0, runs.exit(), runs.toString());
        assertTrue(runs.out().contains("file-run-listed"), runs.toString());
    }

    static final String UNDONE = """
            agent undone "two writes with undo, then a failure"
            tools { defaults { timeout 10s } store = echo { effect write  idempotent } }
            a = store(id: "A") key "create-A" undo store(delete: a.id)
            b = store(id: "B") key "create-B" undo store(delete: b.id)
            fail "giving up after ${b.id}"
            """;

    @Test
    void historyMarksUndoCallsAsCompensationsWithTheirTrigger() throws Exception {
        Path file = write("undone.agent", UNDONE);
        assertEquals(0, cli("run", file.toString(), "--detach", "--id", "undone-1").exit());
        for (int i = 0; i < 300 && new RunClient(connection).describe("undone-1").isRunning(); i++) {
            Thread.sleep(100);
        }
        Cli.Result history = steer("history", "undone-1");
        assertEquals(0, history.exit(), history.toString());
        assertTrue(history.out().contains("undo     store (echo)  at step 2 (undone.agent:4)  compensation of event "),
                history.toString());
        assertTrue(history.out().contains("after   the failure: PlanFailed: giving up after B at step 3 (undone.agent:5)")
                || history.out().contains("after   the failure: "), history.toString());
        Cli.Result json = steer("history", "undone-1", "--json");
        var trail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(1, trail.get("schemaVersion").asInt());
        long undos = 0;
        for (var e : trail.get("events")) {
            if (e.has("compensates")) {
                undos++;
                assertTrue(e.get("trigger").asText().startsWith("the failure: "), e.toString());
            }
        }
        assertEquals(2, undos, json.out());
    }

    @Test
    void replayOfARunChecksEverySegmentAndSaysSo() throws Exception {
        var plan = dev.agentplan.syntax.PlanText.parse("many.agent", RunFollowerSegmentsTest.LOOP).definition();
        stack.connection().client().newUntypedWorkflowStub(dev.agentplan.runtime.InterpreterWorkflow.TYPE,
                        io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId("many-replayed")
                                .setTaskQueue(stack.taskQueue()).build())
                .start(new dev.agentplan.runtime.RunRequest(dev.agentplan.server.Pins.ofFile("many.agent", plan),
                        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("n", 40), null, 80));
        for (int i = 0; i < 300 && new RunClient(connection).describe("many-replayed").isRunning(); i++) {
            Thread.sleep(100);
        }
        int segments = new RunClient(connection).historyChain("many-replayed").size();
        assertTrue(segments >= 3, "segments: " + segments);
        Cli.Result replay = steer("replay", "many-replayed");
        assertEquals(0, replay.exit(), replay.toString());
        assertTrue(replay.out().contains("replays deterministically (all " + segments + " segments, "), replay.toString());
    }

    @Test
    void diffingAgainstAMissingFileIsNotFound() throws Exception {
        assertEquals(0, Cli.run("deploy", write("differ.agent", TestPlans.WAITER.replace("waiter", "differ")).toString(),
                "--repo", repo).exit());
        Cli.Result r = Cli.run("diff", "differ@1", dir.resolve("my_differ.agent").toString(), "--repo", repo);
        assertEquals(ExitCode.NOT_FOUND, r.exit(), r.toString());
        assertTrue(r.err().contains("no such file: "), r.toString());
    }
}
