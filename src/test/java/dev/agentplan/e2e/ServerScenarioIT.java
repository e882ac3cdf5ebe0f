package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.cli.TestPlans;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.Connection;
import dev.agentplan.server.RunClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar in separate processes against a standalone {@code agentplan server}: deploy, run
 * detached, status while it waits for approval, a new version deployed under the waiting run,
 * approve, the run finishes as the version it started with, history, diff, tag, run by tag, and
 * the error paths a user meets on the way. (Refused approvals, unknown runs, signals, cancel and
 * replay are covered in-process by {@code RunLifecycleTest}, to keep this suite's process count low.)
 */
class ServerScenarioIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Agentplan agentplan;
    String address;
    String repo;

    @BeforeEach
    void open() {
        agentplan = new Agentplan(dir);
        repo = dir.resolve("repo").toString();
    }

    @AfterEach
    void killEverything() {
        agentplan.close();
    }

    /** The namespace the runs live in. */
    String namespace() {
        return null;
    }

    static String gated(int n) {
        return TestPlans.gated(n);
    }

    Agentplan.Result ok(String... args) throws IOException, InterruptedException {
        Agentplan.Result r = agentplan.run(args);
        assertEquals(0, r.exit(), "agentplan " + String.join(" ", args) + "\n" + r);
        return r;
    }

    Agentplan.Result expect(int exit, String... args) throws IOException, InterruptedException {
        Agentplan.Result r = agentplan.run(args);
        assertEquals(exit, r.exit(), "agentplan " + String.join(" ", args) + "\n" + r);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r);
        return r;
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    String[] remote(String... args) {
        return with(args, "--address", address);
    }

    String[] remoteWithRepo(String... args) {
        return with(args, "--address", address, "--repo", repo);
    }

    Path plan(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /**
     * Waits (polling from this JVM, to spare a process per poll) until the run's state is one of
     * {@code states}; the assertions then read the jar's own {@code status} output.
     */
    void awaitState(String runId, RunState... states) throws Exception {
        List<RunState> wanted = List.of(states);
        RunStatus last = null;
        try (Connection c = Connection.open(address, namespace())) {
            RunClient client = new RunClient(c);
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < end) {
                try {
                    last = client.status(runId);
                    if (wanted.contains(last.state())) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // before the run's first workflow task
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("run " + runId + " never reached " + wanted + "; last status " + last);
    }

    /** The {@code agentplan server} command line: the in-memory server here, the real one in {@link ServerScenarioDevIT}. */
    String[] serverArgs(int port) {
        return new String[] {"server", "--port", Integer.toString(port), "--repo", repo};
    }

    /** A worker for another task queue: non-sticky on the test server, which never expires a dead worker's sticky queue. */
    String[] workerArgs(String queue) {
        return new String[] {"worker", "--address", address, "--task-queue", queue, "--non-sticky", "--repo", repo};
    }

    @Test
    void deployRunApproveAuditDiffTagAndRunByTag() throws Exception {
        int port = Agentplan.freePort();
        address = "127.0.0.1:" + port;
        Agentplan.Background server = agentplan.start(serverArgs(port));
        server.await("listening on " + address, Duration.ofSeconds(60));

        ok("deploy", plan("gated.agent", gated(1)).toString(), "--repo", repo);
        String runId = ok(remoteWithRepo("run", "gated", "--detach", "--input", "{\"who\": \"Ada\"}")).out().strip();
        assertTrue(runId.matches("gated-[a-z0-9]{8}"), runId);

        awaitState(runId, RunState.WAITING_APPROVAL);
        Agentplan.Result waiting = ok(remote("status", runId));
        assertTrue(waiting.out().contains("WAITING_APPROVAL"), waiting.toString());
        assertTrue(waiting.out().contains("proceed: Go on for Ada?"), waiting.toString());
        assertTrue(waiting.out().contains("approvers: alice, bob"), waiting.toString());
        assertTrue(waiting.out().contains("(gated.agent:7)"), waiting.toString());

        // pinning: v2 changes the step after the gate while the run waits
        ok("deploy", plan("gated.agent", gated(2)).toString(), "--repo", repo);
        ok(remote("approve", runId, "proceed", "--as", "alice", "--comment", "checked the logs"));

        awaitState(runId, RunState.COMPLETED, RunState.FAILED, RunState.CANCELLED);
        Agentplan.Result completed = ok(remote("status", runId));
        assertTrue(completed.out().contains("COMPLETED"), completed.toString());
        assertTrue(completed.out().contains("\"second\":\"v1 after the gate\""), completed.toString());
        assertTrue(completed.out().contains("gated@1"), completed.toString());

        Agentplan.Result history = ok(remote("history", runId));
        assertTrue(history.out().contains("say (echo)  at step 1 (gated.agent:5)"), history.toString());
        assertTrue(history.out().contains("approval proceed approved by alice: \"checked the logs\""), history.toString());
        assertTrue(history.out().contains("{\"text\":\"v1 after the gate\"}"), history.toString());

        Agentplan.Result diff = expect(1, "diff", "gated@1", "gated@2", "--repo", repo);
        assertTrue(diff.out().contains("\"v1 after the gate\" → \"v2 after the gate\""), diff.toString());
        ok("tag", "gated@2", "prod", "--repo", repo);

        Agentplan.Result byTag = ok(remoteWithRepo("run", "gated@prod", "--input", "{\"ask\": false}"));
        JsonNode output = JSON.readTree(byTag.out());
        assertEquals("v2 after the gate", output.get("second").asText(), byTag.toString());
        assertEquals(2, output.get("version").asInt());
        assertTrue(byTag.err().contains("✔ step 3 (gated.agent:9) say echo"), byTag.toString());

        // a worker in another process serves its own task queue
        Agentplan.Background worker = agentplan.start(workerArgs("ops"));
        worker.await("polling task queue ops", Duration.ofSeconds(60));
        Agentplan.Result onOps = ok(remoteWithRepo("run", "gated@prod", "--task-queue", "ops", "--input", "{\"ask\": false}"));
        assertEquals("v2 after the gate", JSON.readTree(onOps.out()).get("second").asText(), onOps.toString());

        Agentplan.Result runs = ok(remoteWithRepo("runs", "gated"));
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(runId) && l.contains("completed")), runs.toString());
        assertEquals(4, runs.out().lines().count(), "a header and three runs: " + runs);

        // error paths, each one line and its exit code
        Agentplan.Result unknownAgent = expect(3, remoteWithRepo("run", "nobody"));
        assertEquals(1, unknownAgent.err().lines().count(), unknownAgent.toString());
        Agentplan.Result unknownVersion = expect(3, remoteWithRepo("run", "gated@9"));
        assertTrue(unknownVersion.err().contains("has no version 9"), unknownVersion.toString());
        Agentplan.Result badInput = expect(2, remoteWithRepo("run", "gated", "--input", "{\"who\": "));
        assertTrue(badInput.err().startsWith("agentplan: --input is not valid JSON"), badInput.toString());
        Agentplan.Result duplicate = expect(6, remoteWithRepo("run", "gated", "--id", runId, "--detach"));
        assertTrue(duplicate.err().contains("a run with id " + runId + " already exists"), duplicate.toString());

        // Ctrl-C (SIGTERM) stops the server cleanly
        server.process().destroy();
        assertTrue(server.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the server stops");
        assertTrue(server.out().contains("agentplan server stopped"), server.out() + server.err());
    }
}
