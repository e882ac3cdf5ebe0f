package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentplan.server.DevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan reset RUN --to STEP} as a user runs it, on the real Temporal server
 * ({@code agentplan server --db}): the dry run shows what reruns and which effects may repeat, the
 * reset reruns from the step (a tool that counts its calls sees the step again, with the same
 * idempotency key), the approval given after that point is asked for again, and the audit names who
 * reset and why. On the in-memory server the command is refused.
 */
class ResetDevIT {

    private static final String PLAN = """
            agent reset_demo "Three steps; the second is worth rerunning"
            input { ledger: string }
            tools {
              defaults { timeout 20s  retry { attempts 1 } }
              note = echo
              write = http { effect write  idempotent }
              shell = exec { effect write  approval none }
            }
            a = note(text: "first")
            b = write(method: "POST", url: input.ledger, body: { text: "second" })
            c = shell(argv: ["echo", "third"])
            approve finish { ask "Finish?"  timeout 1h }
            output { a: a.text, b: b.status, c: trim(c.stdout) }
            """;

    @TempDir
    Path dir;

    private Agentplan agentplan;
    private String repo;

    @BeforeEach
    void open() {
        agentplan = new Agentplan(dir);
        repo = dir.resolve("repo").toString();
    }

    @AfterEach
    void close() {
        agentplan.close();
    }

    private Agentplan.Result ok(String... args) throws IOException, InterruptedException {
        Agentplan.Result r = agentplan.run(args);
        assertEquals(0, r.exit(), "agentplan " + String.join(" ", args) + "\n" + r);
        return r;
    }

    @Test
    void resetRerunsFromTheStepAndTheAuditSaysWhoAndWhy() throws Exception {
        var cli = DevServer.locateCli();
        if (cli.isEmpty()) {
            assertTrue(!"true".equals(System.getenv("CI")), "CI=true: the Temporal CLI must be installed (.ci/run does it)");
            assumeTrue(false, "no Temporal CLI (set AGENTPLAN_TEMPORAL_CLI): the real-server reset test is skipped");
        }
        int port = Agentplan.freePort();
        String address = "127.0.0.1:" + port;
        try (KeyRecorder ledger = new KeyRecorder()) {
            Agentplan.Background server = agentplan.start("server", "--db", dir.resolve("dev.db").toString(),
                    "--port", Integer.toString(port), "--ui-port", "0", "--repo", repo,
                    "--temporal-cli", cli.get().toString());
            server.await("listening on " + address, Duration.ofSeconds(120));
            Path plan = dir.resolve("reset_demo.agent");
            Files.writeString(plan, PLAN);
            ok("deploy", plan.toString(), "--repo", repo, "-m", "v1");
            ok("run", "reset_demo@1", "--id", "rs-1", "--detach", "--repo", repo, "--address", address,
                    "--input", "{\"ledger\": \"" + ledger.url() + "\"}");
            awaitState("rs-1", address, "WAITING_APPROVAL");
            assertEquals(1, ledger.requests(), "step 2 wrote once");
            ok("approve", "rs-1", "finish", "--as", "carol", "--address", address);
            awaitState("rs-1", address, "COMPLETED");

            Agentplan.Result preview = ok("reset", "rs-1", "--to", "2", "--address", address);
            assertTrue(preview.out().contains("back to step 2 (reset_demo.agent:10)"), preview.out());
            assertTrue(preview.out().contains("write (http)  idempotent: safe to repeat"), preview.out());
            assertTrue(preview.out().contains("shell (exec)  write: REPEATS"), preview.out());
            assertTrue(preview.out().contains("approval of finish by carol"), preview.out());
            assertTrue(preview.out().contains("nothing was reset: add --yes"), preview.out());
            assertEquals(1, ledger.requests(), "a dry run reruns nothing");

            Agentplan.Result reset = ok("reset", "rs-1", "--to", "reset_demo.agent:10", "--yes", "--as", "dave",
                    "--reason", "the writer was fixed", "--address", address);
            assertTrue(reset.out().contains("reset run rs-1 to step 2 (as dave)"), reset.out());
            awaitState("rs-1", address, "WAITING_APPROVAL"); // carol's approval came after the step: asked again
            assertEquals(2, ledger.requests(), "step 2 ran again");
            assertEquals(1, ledger.distinctKeys(), "with the key it sent the first time: " + ledger.keys());
            ok("approve", "rs-1", "finish", "--as", "erin", "--address", address);
            awaitState("rs-1", address, "COMPLETED");

            Agentplan.Result history = ok("history", "rs-1", "--address", address);
            assertTrue(history.out().contains("reset by dave to step 2 (reset_demo.agent:10): the writer was fixed"),
                    history.out());
            assertTrue(history.out().contains("approved by erin"), history.out());
        }
    }

    @Test
    void theInMemoryServerRefusesAReset() throws Exception {
        int port = Agentplan.freePort();
        String address = "127.0.0.1:" + port;
        Agentplan.Background server = agentplan.start("server", "--port", Integer.toString(port), "--repo", repo);
        server.await("listening on " + address, Duration.ofSeconds(60));
        Agentplan.Result r = agentplan.run("reset", "anything", "--to", "2", "--address", address);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot reset runs: it is the in-memory server"), r.err());
        assertTrue(r.err().contains("agentplan server --db FILE"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** A loopback endpoint that answers 200 and records each request's Idempotency-Key. */
    static final class KeyRecorder implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();

        KeyRecorder() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                    byte[] body = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/ledger";
        }

        int requests() {
            return keys.size();
        }

        java.util.List<String> keys() {
            return java.util.List.copyOf(keys);
        }

        long distinctKeys() {
            return keys.stream().distinct().count();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private void awaitState(String run, String address, String state) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Agentplan.Result last = null;
        while (System.nanoTime() < end) {
            last = agentplan.run("status", run, "--address", address);
            if (last.out().contains("state      " + state)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + run + " never reached " + state + "\n" + last);
    }
}
