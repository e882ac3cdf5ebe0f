package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end scenario of {@link ServerScenarioIT} on the real Temporal server
 * ({@code agentplan server --db FILE}: the CLI's dev server as a child process, a sticky
 * worker), and what only the real server can do: a run waiting for approval survives a SIGKILLed
 * {@code agentplan server}; {@code runs} lists from Temporal's visibility the runs other processes
 * started; a non-default namespace through the Temporal CLI's variables; an exported history
 * replays; one-line errors for a database in use, a bad certificate path, a missing CLI.
 */
class ServerScenarioDevIT extends ServerScenarioIT {

    private Path cli;
    private Path db;
    private String namespace;

    @BeforeEach
    void needsTheCli() {
        cli = RealServer.cliOrSkip();
        db = dir.resolve("agentplan.db");
    }

    @Override
    String[] serverArgs(int port) {
        return serverArgs(port, null);
    }

    private String[] serverArgs(int port, String ns) {
        List<String> args = new java.util.ArrayList<>(List.of("server", "--port", Integer.toString(port), "--repo", repo,
                "--db", db.toString(), "--ui-port", "0", "--temporal-cli", cli.toString()));
        if (ns != null) {
            args.addAll(List.of("--namespace", ns));
        }
        return args.toArray(String[]::new);
    }

    @Override
    String[] workerArgs(String queue) {
        return new String[] {"worker", "--address", address, "--task-queue", queue, "--repo", repo}; // sticky
    }

    @Override
    String namespace() {
        return namespace;
    }

    private Agentplan.Background startServer(int port, String ns) throws Exception {
        Agentplan.Background server = agentplan.start(serverArgs(port, ns));
        server.await("listening on " + address, Duration.ofSeconds(120));
        // which Temporal it runs on comes on the line after "listening": wait for it, don't race it
        server.await("the real Temporal server (dev server, pid ", Duration.ofSeconds(10));
        return server;
    }

    @Test
    void aWaitingRunSurvivesAKilledServerAndRunsListsWhatOtherProcessesStarted() throws Exception {
        int port = Agentplan.freePort();
        address = "127.0.0.1:" + port;
        namespace = "team-a";
        Map<String, String> temporalEnv = Map.of("TEMPORAL_ADDRESS", address, "TEMPORAL_NAMESPACE", namespace);
        Agentplan.Background server = startServer(port, namespace);
        ok("deploy", plan("gated.agent", gated(1)).toString(), "--repo", repo);

        // two separate processes start a run each, configured only by the Temporal CLI's variables
        Agentplan.Background first = agentplan.start(temporalEnv, "run", "gated", "--detach", "--id", "restart-1",
                "--repo", repo, "--input", "{\"who\": \"Ada\"}");
        Agentplan.Background second = agentplan.start(temporalEnv, "run", "gated", "--detach", "--id", "restart-2",
                "--repo", repo, "--input", "{\"ask\": false}");
        assertTrue(first.process().waitFor(90, TimeUnit.SECONDS) && second.process().waitFor(90, TimeUnit.SECONDS));
        assertEquals(0, first.process().exitValue(), first.err());
        assertEquals(0, second.process().exitValue(), second.err());
        awaitState("restart-1", RunState.WAITING_APPROVAL);
        awaitState("restart-2", RunState.COMPLETED);

        // a fresh repository knows nothing of them: the list comes from the server
        String otherRepo = dir.resolve("other-repo").toString();
        Agentplan.Result all = awaitRuns(temporalEnv, 2, "runs", "--repo", otherRepo);
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("restart-1 ") && l.contains("running")), all.toString());
        assertTrue(all.out().lines().anyMatch(l -> l.startsWith("restart-2 ") && l.contains("completed")), all.toString());
        Agentplan.Result running = agentplan.run(temporalEnv, "runs", "--agent", "gated@1", "--state", "running", "--since", "1h");
        assertEquals(0, running.exit(), running.toString());
        assertEquals(2, running.out().lines().count(), "a header and restart-1: " + running);
        Agentplan.Result none = agentplan.run(temporalEnv, "runs", "--agent", "gated@2");
        assertTrue(none.out().startsWith("no runs of gated@2 on " + address), none.toString());
        Agentplan.Result otherNamespace = agentplan.run(Map.of("TEMPORAL_ADDRESS", address), "runs");
        assertTrue(otherNamespace.out().startsWith("no runs on " + address), "the default namespace has none: " + otherNamespace);

        // SIGKILL agentplan server: its dev server goes with it, the file keeps the run
        server.process().destroyForcibly();
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
        Agentplan.Background again = startServer(port, namespace); // fails if the old dev server still held the file
        Agentplan.Result status = agentplan.run(temporalEnv, "status", "restart-1");
        assertTrue(status.out().contains("WAITING_APPROVAL"), status.toString());
        Agentplan.Result approve = agentplan.run(temporalEnv, "approve", "restart-1", "proceed", "--as", "bob");
        assertEquals(0, approve.exit(), approve.toString());
        awaitState("restart-1", RunState.COMPLETED, RunState.FAILED, RunState.CANCELLED);
        Agentplan.Result done = agentplan.run(temporalEnv, "status", "restart-1");
        assertTrue(done.out().contains("COMPLETED") && done.out().contains("\"second\":\"v1 after the gate\""), done.toString());

        // the history exported from the real server replays against this interpreter
        Agentplan.Result exported = agentplan.run(temporalEnv, "export", "restart-1");
        assertEquals(0, exported.exit(), exported.toString());
        Path history = dir.resolve("restart-1.json");
        Files.writeString(history, exported.out());
        Agentplan.Result replay = ok("replay", "--history", history.toString());
        assertTrue(replay.out().contains("replays deterministically") || replay.err().contains("replays deterministically"),
                replay.toString());

        // one server per database; a bad certificate path is one line
        Agentplan.Result busy = expect(5, "server", "--port", Integer.toString(Agentplan.freePort()), "--db", db.toString(),
                "--ui-port", "0", "--temporal-cli", cli.toString(), "--repo", repo);
        assertTrue(busy.err().contains("is in use by another Temporal server"), busy.toString());
        assertEquals(1, busy.err().lines().count(), busy.toString());
        Agentplan.Result badCert = expect(2, remote("status", "restart-1", "--tls-cert", dir.resolve("no.pem").toString(),
                "--tls-key", dir.resolve("no.key").toString()));
        assertEquals("agentplan: --tls-cert " + dir.resolve("no.pem") + ": no such file", badCert.err().strip(), badCert.toString());
        Agentplan.Result badEnvCa = agentplan.run(Map.of("TEMPORAL_ADDRESS", address, "TEMPORAL_TLS_CA", dir.resolve("ca.pem").toString()),
                "status", "restart-1");
        assertEquals(2, badEnvCa.exit(), badEnvCa.toString());
        assertEquals("agentplan: $TEMPORAL_TLS_CA " + dir.resolve("ca.pem") + ": no such file", badEnvCa.err().strip(), badEnvCa.toString());
        Agentplan.Result apiKey = agentplan.run(Map.of("TEMPORAL_ADDRESS", address, "TEMPORAL_NAMESPACE", namespace,
                "TEMPORAL_API_KEY", "not-checked-by-the-dev-server", "TEMPORAL_TLS", "false"), "status", "restart-1");
        assertEquals(0, apiKey.exit(), "an API key travels on a plain-text connection when TLS is off: " + apiKey);

        again.process().destroy(); // SIGTERM: an orderly stop
        assertTrue(again.process().waitFor(60, TimeUnit.SECONDS), "the server stops");
        assertTrue(again.out().contains("agentplan server stopped"), again.out() + again.err());
    }

    @Test
    void aMissingCliAndACorruptDatabaseAreOneLine() throws Exception {
        Agentplan.Result missing = expect(5, "server", "--db", db.toString(), "--temporal-cli", dir.resolve("temporal").toString(),
                "--repo", repo);
        assertTrue(missing.err().startsWith("agentplan: --temporal-cli " + dir.resolve("temporal") + ": no such executable; install it with"),
                missing.toString());
        Files.writeString(db, "not a database");
        Agentplan.Result corrupt = expect(5, "server", "--db", db.toString(), "--port", Integer.toString(Agentplan.freePort()),
                "--temporal-cli", cli.toString(), "--repo", repo);
        assertEquals("agentplan: the database " + db + " is corrupt: not an SQLite file (agentplan server --db keeps the "
                + "Temporal server's state in SQLite)", corrupt.err().strip(), corrupt.toString());
        assertFalse(corrupt.out().contains("listening"), corrupt.toString());
    }

    /** Visibility is eventually consistent: polls {@code runs} until it lists {@code n} runs. */
    private Agentplan.Result awaitRuns(Map<String, String> env, int n, String... args) throws Exception {
        Agentplan.Result r = null;
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            r = agentplan.run(env, args);
            assertEquals(0, r.exit(), r.toString());
            if (r.out().lines().count() == n + 1) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("runs never listed " + n + " runs: " + r);
    }
}
