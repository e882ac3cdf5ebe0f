package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.cli.KeyRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario with the real jar: a run makes 10 writes on a standalone
 * {@code agentplan server}, the server is SIGKILLed and started again on the same port. Reusing
 * the run id is refused (exit 6), {@code runs} shows the run as lost, and {@code --restart-lost}
 * makes the 10 writes again under the same 10 Idempotency-Key values.
 */
class LostRunIT {

    static final String PLAN = """
            agent sk "Ten writes, then waits"
            input { url: string }
            tools { post = http { timeout 10s  effect write  idempotent } }
            for each i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] {
              w = post(method: "POST", url: input.url, body: { call: "write", i: i })
            }
            go = await signal "go" { timeout 1h  on_timeout fail }
            output { done: true }
            """;

    @TempDir
    Path dir;

    private Agentplan agentplan;

    @BeforeEach
    void open() {
        agentplan = new Agentplan(dir);
    }

    @AfterEach
    void killEverything() {
        agentplan.close();
    }

    private Agentplan.Background server(int port, String repo) throws Exception {
        Agentplan.Background server = agentplan.start("server", "--port", Integer.toString(port), "--repo", repo);
        server.await("agentplan server listening on", Duration.ofSeconds(90));
        return server;
    }

    @Test
    void aRunLostWithItsServerIsRefusedMarkedLostAndRestartedWithTheSameKeys() throws Exception {
        String repo = dir.resolve("repo").toString();
        Path plan = Files.writeString(dir.resolve("sk.agent"), PLAN);
        assertEquals(0, agentplan.run("deploy", plan.toString(), "--repo", repo).exit());
        int port = Agentplan.freePort();
        String address = "127.0.0.1:" + port;
        try (KeyRecorder ledger = new KeyRecorder()) {
            String inputs = "{\"url\": \"" + ledger.url() + "\"}";
            Agentplan.Background first = server(port, repo);
            Agentplan.Result started = agentplan.run("run", "sk", "--id", "sk-1", "--detach", "--input", inputs,
                    "--address", address, "--repo", repo);
            assertEquals(0, started.exit(), started.toString());
            List<String> firstKeys = ledger.awaitCount(10).stream().map(KeyRecorder.Request::key).toList();
            assertEquals(10, new HashSet<>(firstKeys).size(), firstKeys.toString());
            first.process().destroyForcibly(); // SIGKILL: the in-memory server takes the run with it
            assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));

            server(port, repo);
            Agentplan.Result runs = agentplan.run("runs", "--address", address, "--repo", repo);
            assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("sk-1 ") && l.contains(" lost ")), runs.toString());

            Agentplan.Result reused = agentplan.run("run", "sk", "--id", "sk-1", "--detach", "--input", inputs,
                    "--address", address, "--repo", repo);
            assertEquals(6, reused.exit(), reused.toString());
            assertTrue(reused.err().contains("run sk-1 was lost"), reused.toString());
            assertFalse(reused.err().contains("\tat "), "no stack trace: " + reused);
            assertEquals(10, ledger.requests().size(), "nothing written again");

            Agentplan.Result restarted = agentplan.run("run", "sk@1", "--id", "sk-1", "--restart-lost", "--detach",
                    "--input", inputs, "--address", address, "--repo", repo);
            assertEquals(0, restarted.exit(), restarted.toString());
            List<String> again = ledger.awaitCount(20).subList(10, 20).stream().map(KeyRecorder.Request::key).toList();
            assertEquals(firstKeys, again, "the same writes under the same Idempotency-Key values");

            Agentplan.Result after = agentplan.run("runs", "--address", address, "--repo", repo);
            assertTrue(after.out().lines().anyMatch(l -> l.startsWith("sk-1 ") && l.contains(" running ")), after.toString());
        }
    }
}
