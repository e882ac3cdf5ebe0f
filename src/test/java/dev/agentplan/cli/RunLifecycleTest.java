package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.RunClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run commands against a local server in this JVM (the same server {@code agentplan server}
 * runs): deploy, run, status, approve/reject, signal, cancel, history, export, replay, runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private LocalStack stack;
    private Connection connection;
    private String repo;

    @BeforeAll
    void startServer() {
        repo = dir.resolve("repo").toString();
        stack = LocalStack.start(0, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo)));
        connection = Connection.open(stack.address(), null);
    }

    @AfterAll
    void stopServer() {
        connection.close();
        stack.close();
    }

    private Cli.Result cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--address";
        all[args.length + 1] = stack.address();
        return Cli.run(all);
    }

    private Cli.Result withRepo(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--repo";
        all[args.length + 1] = repo;
        return cli(all);
    }

    private Cli.Result deploy(String file) {
        return ok(Cli.run("deploy", file, "--repo", repo));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private RunStatus awaitStatus(String runId, Predicate<RunStatus> until) throws InterruptedException {
        return StatusPolling.await(new RunClient(connection), runId, until, Duration.ofSeconds(30));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void aPinnedRunFinishesAsTheVersionItStartedWithAndLeavesAnAuditTrail() throws Exception {
        deploy(write("gated.agent", TestPlans.gated(1)).toString());
        String runId = ok(withRepo("run", "gated", "--detach", "--input", "{\"who\": \"Ada\"}")).out().strip();
        assertTrue(runId.startsWith("gated-"), runId);
        awaitStatus(runId, s -> s.state() == RunState.WAITING_APPROVAL);

        Cli.Result status = ok(cli("status", runId));
        assertTrue(status.out().contains("WAITING_APPROVAL"), status.toString());
        assertTrue(status.out().contains("proceed: Go on for Ada?"), status.toString());
        assertTrue(status.out().contains("approvers: alice, bob"), status.toString());
        assertTrue(status.out().contains("step 2/then/1 (gated.agent:" + TestPlans.GATED_GATE_LINE + ")"), status.toString());
        assertTrue(status.out().contains("tool_calls  █░░░░░░░░░  1/10"), status.toString());
        assertTrue(status.out().contains("agentplan approve " + runId + " proceed"), status.toString());

        // v2 changes what happens after the gate; the waiting run keeps v1
        Cli.Result v2 = deploy(write("gated.agent", TestPlans.gated(2)).toString());
        assertTrue(v2.out().contains("gated@2"), v2.toString());

        Cli.Result refused = cli("approve", runId, "proceed", "--as", "carol");
        assertEquals(ExitCode.FAILED, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("'carol' may not decide approval gate 'proceed' (allowed: alice, bob)"), refused.toString());

        ok(cli("approve", runId, "proceed", "--as", "alice", "--comment", "looks right"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.COMPLETED, done.state(), String.valueOf(done.error()));
        assertEquals(1, done.version());

        JsonNode finished = JSON.readTree(ok(cli("status", runId, "--json")).out());
        assertEquals("v1 after the gate", finished.at("/result/output/second").asText(), finished.toString());
        assertEquals(1, finished.at("/result/output/version").asInt());

        Cli.Result history = ok(cli("history", runId));
        assertTrue(history.out().contains("say (echo)  at step 1 (gated.agent:" + TestPlans.GATED_FIRST_LINE + ")"), history.toString());
        assertTrue(history.out().contains("{\"text\":\"hello Ada\"}"), history.toString());
        assertTrue(history.out().contains("approval proceed approved by alice: \"looks right\"  at step 2/then/1 (gated.agent:"
                + TestPlans.GATED_GATE_LINE + ")"), history.toString());
        assertTrue(history.out().contains("step 3 (gated.agent:" + TestPlans.GATED_SECOND_LINE + ")"), history.toString());
        assertTrue(history.out().contains("v1 after the gate"), history.toString());
        assertFalse(history.out().contains("v2 after the gate"), history.toString());

        JsonNode trail = JSON.readTree(ok(cli("history", runId, "--json")).out());
        assertEquals("gated", trail.get("agent").asText());
        assertEquals(1, trail.get("version").asInt());
        assertEquals("COMPLETED", trail.get("status").asText());
        long tools = 0;
        for (JsonNode e : trail.get("events")) {
            if (e.get("type").asText().equals("tool")) {
                tools++;
                assertEquals("echo", e.get("kind").asText());
                assertEquals(1, e.get("attempts").asInt());
            }
        }
        assertEquals(2, tools, trail.toString());

        // a new run of the latest version runs v2
        Cli.Result latest = ok(withRepo("run", "gated", "--input", "{\"ask\": false}"));
        assertEquals("v2 after the gate", JSON.readTree(latest.out()).get("second").asText(), latest.toString());

        Cli.Result runs = ok(withRepo("runs", "gated", "--status", "completed"));
        assertTrue(runs.out().contains(runId), runs.toString());
        assertEquals(3, runs.out().lines().count(), "a header and two runs: " + runs);

        // the exported history replays against this interpreter; a history whose pinned plan changed does not
        Path exported = write("history.json", ok(cli("export", runId)).out());
        Cli.Result replay = ok(Cli.run("replay", "--history", exported.toString()));
        assertTrue(replay.out().contains("replays deterministically"), replay.toString());
        Path tampered = write("tampered.json", Histories.repin(Files.readString(exported), "gated.agent",
                TestPlans.GATED_WITH_A_WAIT_FIRST));
        Cli.Result diverged = Cli.run("replay", "--history", tampered.toString());
        assertEquals(ExitCode.FAILED, diverged.exit(), diverged.toString());
        assertTrue(diverged.out().contains("NOT deterministic"), diverged.toString());
        assertTrue(diverged.out().contains("tool say (echo) at step 1 (gated.agent:" + TestPlans.GATED_FIRST_LINE + ")"),
                diverged.toString());
        assertTrue(diverged.out().contains("the history has ActivityTaskScheduled there, but this interpreter now issues "
                + "StartTimer"), diverged.toString());
        assertFalse(diverged.out().contains(" at io.temporal"), "no stack trace: " + diverged);
    }

    @Test
    void signalsReachAWaitingRun() throws Exception {
        deploy(write("waiter.agent", TestPlans.WAITER).toString());
        String runId = ok(withRepo("run", "waiter", "--detach", "--id", "waiter-signal-1")).out().strip();
        assertEquals("waiter-signal-1", runId);
        awaitStatus(runId, s -> s.awaitingSignals().contains("ci_finished"));
        assertTrue(ok(cli("status", runId)).out().contains("waiting for ci_finished"));

        Cli.Result badPayload = cli("signal", runId, "ci_finished", "--payload", "{oops");
        assertEquals(ExitCode.USAGE, badPayload.exit(), badPayload.toString());

        ok(cli("signal", runId, "ci_finished", "--payload", "{\"result\": \"green\"}"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.COMPLETED, done.state(), String.valueOf(done.error()));
        JsonNode status = JSON.readTree(ok(cli("status", runId, "--json")).out());
        assertEquals("ci said green", status.at("/result/output/text").asText(), status.toString());

        Cli.Result history = ok(cli("history", runId));
        assertTrue(history.out().contains("signal   ci_finished  payload {\"result\":\"green\"}"), history.toString());

        Cli.Result late = cli("signal", runId, "ci_finished");
        assertEquals(ExitCode.FAILED, late.exit(), late.toString());
        assertTrue(late.err().contains("has already ended"), late.toString());

        Cli.Result again = withRepo("run", "waiter", "--detach", "--id", "waiter-signal-1");
        assertEquals(ExitCode.ALREADY_EXISTS, again.exit(), again.toString());
        assertTrue(again.err().contains("already exists"), again.toString());
    }

    @Test
    void cancelEndsARunAndIsAudited() throws Exception {
        deploy(write("waiter.agent", TestPlans.WAITER).toString());
        String runId = ok(withRepo("run", "waiter", "--detach")).out().strip();
        awaitStatus(runId, s -> s.awaitingSignals().contains("ci_finished"));

        ok(cli("cancel", runId, "--as", "carol", "--reason", "not needed"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.CANCELLED, done.state());

        Cli.Result status = ok(cli("status", runId));
        assertTrue(status.out().contains("CANCELLED"), status.toString());
        assertTrue(status.out().contains("by carol"), status.toString());
        Cli.Result history = ok(cli("history", runId));
        assertTrue(history.out().contains("cancel   requested by carol: \"not needed\""), history.toString());
        assertTrue(history.out().contains("cancelled"), history.toString());

        Cli.Result twice = cli("cancel", runId, "--as", "carol");
        assertEquals(ExitCode.FAILED, twice.exit(), twice.toString());
        assertTrue(ok(withRepo("runs", "--status", "cancelled")).out().contains(runId));
    }

    @Test
    void aRunNoWorkerServesIsReportedAsSuch() throws Exception {
        deploy(write("waiter.agent", TestPlans.WAITER).toString());
        String runId = ok(withRepo("run", "waiter", "--detach", "--task-queue", "nobody-polls-this")).out().strip();
        Cli.Result status = cli("status", runId);
        assertEquals(ExitCode.UNAVAILABLE, status.exit(), status.toString());
        assertTrue(status.err().startsWith("agentplan: no worker answered the status query of run " + runId
                + " (is a worker polling task queue nobody-polls-this?"), status.toString());
        Cli.Result history = ok(cli("history", runId)); // the history needs no worker
        assertTrue(history.out().contains("still running"), history.toString());
    }

    @Test
    void unknownThingsAreNotFound() throws Exception {
        for (String command : new String[] {"status", "history", "export", "replay", "cancel"}) {
            Cli.Result r = cli(command, "no-such-run");
            assertEquals(ExitCode.NOT_FOUND, r.exit(), command + ": " + r);
            assertEquals("agentplan: no run no-such-run on the server at " + stack.address() + " (namespace default)",
                    r.err().strip(), command);
        }
        Cli.Result approve = cli("approve", "no-such-run", "gate");
        assertEquals(ExitCode.NOT_FOUND, approve.exit(), approve.toString());

        Cli.Result agent = withRepo("run", "nobody");
        assertEquals(ExitCode.NOT_FOUND, agent.exit(), agent.toString());
        deploy(write("waiter.agent", TestPlans.WAITER).toString());
        Cli.Result version = withRepo("run", "waiter@99");
        assertEquals(ExitCode.NOT_FOUND, version.exit(), version.toString());
        assertTrue(version.err().contains("has no version 99"), version.toString());
        Cli.Result tag = withRepo("run", "waiter@prod");
        assertEquals(ExitCode.NOT_FOUND, tag.exit(), tag.toString());
    }
}
