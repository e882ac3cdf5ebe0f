package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run lost with its in-memory server: start a run on a local server, kill the server, start a
 * new one on the same port. The run id is refused (exit 6, saying what was lost), {@code runs}
 * marks the run lost, and {@code --restart-lost} starts it again sending exactly the
 * Idempotency-Key values of its first start to a loopback endpoint.
 */
class LostRunTest {

    static final String PLAN = """
            agent sk "Writes to a ledger, then waits"
            input { url: string  label: string  items: list = [1, 2, 3] }
            tools { post = http { timeout 10s  effect write  idempotent } }
            first = post(method: "POST", url: input.url, body: { call: "first ${input.label}" })
            for each x in input.items {
              w = post(method: "POST", url: input.url, body: { call: "item", x: x })
            }
            go = await signal "go" { timeout 1h  on_timeout fail }
            output { done: true }
            """;

    @TempDir
    Path dir;

    @Test
    void aLostRunIsRefusedMarkedLostAndRestartedWithTheSameKeys() throws Exception {
        String repo = dir.resolve("repo").toString();
        Path plan = Files.writeString(dir.resolve("sk.agent"), PLAN);
        assertEquals(0, Cli.run("deploy", plan.toString(), "--repo", repo).exit());
        try (KeyRecorder ledger = new KeyRecorder()) {
            String inputs = "{\"url\": \"" + ledger.url() + "\", \"label\": \"a\"}";
            String sameInputsOtherOrder = "{ \"label\": \"a\",\n \"url\": \"" + ledger.url() + "\"}";
            String address;
            List<KeyRecorder.Request> first;
            try (LocalStack server = start(0, repo)) {
                address = server.address();
                Cli.Result started = Cli.run("run", "sk", "--id", "sk-1", "--detach", "--input", inputs,
                        "--address", address, "--repo", repo);
                assertEquals(0, started.exit(), started.toString());
                first = ledger.awaitCount(4);
                Cli.Result live = Cli.run("runs", "--repo", repo, "--address", address);
                assertTrue(live.out().contains(" running "), live.toString());
            } // the server is killed with the run waiting: its history is gone
            assertEquals(4, new HashSet<>(keys(first)).size(), "one key per call and loop iteration: " + first);

            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            try (LocalStack server = start(port, repo)) {
                assertEquals(address, server.address());

                Cli.Result runs = Cli.run("runs", "--repo", repo, "--address", address);
                assertEquals(0, runs.exit(), runs.toString());
                assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("sk-1 ") && l.contains(" lost ")), runs.toString());
                assertFalse(runs.out().contains("running?"), runs.toString());
                assertTrue(Cli.run("runs", "--repo", repo, "--status", "lost").out().contains("sk-1"));

                Cli.Result reused = Cli.run("run", "sk", "--id", "sk-1", "--detach", "--input", inputs,
                        "--address", address, "--repo", repo);
                assertEquals(6, reused.exit(), reused.toString());
                assertTrue(reused.err().contains("run sk-1 was lost: the run index records it as lost (sk@1, started "),
                        reused.toString());
                assertTrue(reused.err().contains("agentplan run sk@1 --id sk-1 --restart-lost"), reused.toString());

                Path record = Path.of(repo).toAbsolutePath().resolve("runs/sk-1.json");
                byte[] kept = Files.readAllBytes(record);
                Files.delete(record); // a deleted run file does not free the id: the index head still lists it
                Cli.Result withoutFile = Cli.run("run", "sk", "--id", "sk-1", "--detach", "--input", inputs,
                        "--address", address, "--repo", repo);
                assertEquals(6, withoutFile.exit(), withoutFile.toString());
                assertTrue(withoutFile.err().contains("run id sk-1 is taken: the run index lists it"), withoutFile.toString());
                Cli.Result listed = Cli.run("runs", "--repo", repo, "--address", address);
                assertEquals(0, listed.exit(), listed.toString());
                assertTrue(listed.err().contains("agentplan: warning: left out of the list: " + record + " is missing"),
                        listed.toString());
                Files.write(record, kept);

                Cli.Result otherInputs = Cli.run("run", "sk", "--id", "sk-1", "--restart-lost", "--detach",
                        "--input", "{\"url\": \"" + ledger.url() + "\", \"label\": \"b\"}", "--address", address, "--repo", repo);
                assertEquals(2, otherInputs.exit(), otherInputs.toString());
                assertTrue(otherInputs.err().contains("the inputs differ"), otherInputs.toString());
                Thread.sleep(300);
                assertEquals(4, ledger.requests().size(), "nothing was written again: " + ledger.requests());

                Cli.Result restarted = Cli.run("run", "sk@1", "--id", "sk-1", "--restart-lost", "--detach",
                        "--input", sameInputsOtherOrder, "--address", address, "--repo", repo);
                assertEquals(0, restarted.exit(), restarted.toString());
                assertTrue(restarted.err().contains("restarted lost run sk-1 from the beginning"), restarted.toString());
                List<KeyRecorder.Request> all = ledger.awaitCount(8);
                assertEquals(first, all.subList(4, 8), "the same calls with the same Idempotency-Key values");

                Cli.Result after = Cli.run("runs", "--repo", repo, "--address", address);
                assertTrue(after.out().lines().anyMatch(l -> l.startsWith("sk-1 ") && l.contains(" running ")), after.toString());

                Cli.Result again = Cli.run("run", "sk@1", "--id", "sk-1", "--restart-lost", "--detach",
                        "--input", inputs, "--address", address, "--repo", repo);
                assertEquals(6, again.exit(), "the restarted run exists: " + again);

                Cli.Result fresh = Cli.run("run", "sk", "--id", "sk-2", "--detach", "--input", inputs,
                        "--address", address, "--repo", repo);
                assertEquals(0, fresh.exit(), fresh.toString());
                List<KeyRecorder.Request> other = ledger.awaitCount(12).subList(8, 12);
                for (String key : keys(other)) {
                    assertFalse(keys(first).contains(key), "another run gets other keys");
                }
                assertNotEquals(keys(first), keys(other));
            }
        }
    }

    @Test
    void restartLostNeedsAKnownLostRun() {
        Cli.Result r = Cli.run("run", "sk", "--id", "nope-1", "--restart-lost", "--address", "127.0.0.1:1",
                "--repo", dir.resolve("repo").toString());
        assertTrue(r.exit() == 3 || r.exit() == 4, r.toString());
        Cli.Result file = Cli.run("run", dir.resolve("x.agent").toString(), "--restart-lost", "--id", "x");
        assertEquals(2, file.exit(), file.toString());
    }

    private static List<String> keys(List<KeyRecorder.Request> requests) {
        return requests.stream().map(KeyRecorder.Request::key).toList();
    }

    private static LocalStack start(int port, String repo) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return LocalStack.start(port, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo)));
            } catch (RuntimeException portStillClosing) {
                if (attempt == 20) {
                    throw portStillClosing;
                }
                Thread.sleep(250);
            }
        }
    }
}
