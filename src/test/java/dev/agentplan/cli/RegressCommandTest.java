package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan regress} driven like a user: version 1 of the demonstration plan is deployed and
 * run four times on a local server (real worker, real tools), two of the runs approved on the
 * command line; then version 2 (a changed branch, a changed output, a new call) is checked
 * against those runs, and every run gets the verdict its path through v2 deserves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressCommandTest {

    static final Path V1 = Path.of("definitions/regress/refund_router.v1.agent");
    static final Path V2 = Path.of("definitions/regress/refund_router.v2.agent");

    @TempDir
    static Path dir;

    private LocalStack stack;
    private Connection connection;
    private String repo;

    @BeforeAll
    void startServerAndRecordRuns() throws InterruptedException {
        repo = dir.resolve("repo").toString();
        stack = LocalStack.start(0, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo)));
        connection = Connection.open(stack.address(), null);
        ok(Cli.run("deploy", V1.toString(), "--repo", repo, "-m", "v1"));
        for (int amount : new int[] {20, 80, 150, 500}) {
            ok(cli("run", "refund_router@1", "--id", "refund-" + amount, "--detach",
                    "--input", "{\"order_id\": \"R-" + amount + "\", \"amount\": " + amount + "}"));
            if (amount > 100) {
                awaitStatus("refund-" + amount, s -> s.state() == RunState.WAITING_APPROVAL);
                ok(cli("approve", "refund-" + amount, "refund_ok", "--as", "alice"));
            }
        }
        for (int amount : new int[] {20, 80, 150, 500}) {
            awaitStatus("refund-" + amount, s -> s.state() == RunState.COMPLETED);
        }
    }

    @AfterAll
    void stopServer() {
        connection.close();
        stack.close();
    }

    /** With the server's address, and the repository (for the commands that read it). */
    private Cli.Result cli(String... args) {
        boolean readsRepo = args[0].equals("run") || args[0].equals("regress");
        String[] all = new String[args.length + (readsRepo ? 4 : 2)];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--address";
        all[args.length + 1] = stack.address();
        if (readsRepo) {
            all[args.length + 2] = "--repo";
            all[args.length + 3] = repo;
        }
        return Cli.run(all);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private void awaitStatus(String runId, Predicate<RunStatus> until) throws InterruptedException {
        StatusPolling.await(new RunClient(connection), runId, until, Duration.ofSeconds(30));
    }

    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    /** The verdicts of v2 against the four v1 runs: one each of the four kinds. */
    static void assertV2Verdicts(String out) throws IOException {
        int v1SmallRefund = lineOf(V1, "reason: \"small refund\"");
        int v2Gate = lineOf(V2, "approve refund_ok");
        int v2Notify = lineOf(V2, "notify(team");
        assertTrue(out.contains("  = refund-20  same calls (2), same output\n"), out);
        assertTrue(out.contains("  ≠ refund-150  same calls (2), different output: output.outcome: "
                + "\"refunded after approval\" ≠ \"refunded after approval by alice\"\n"), out);
        assertTrue(out.contains("  ✖ refund-80  diverged at call 2, step 2/then/1 (refund_router.v1.agent:" + v1SmallRefund
                + "): the candidate made no call 2 (the recording made 2); it ended FAILED ApprovalTimeout at step "
                + "2/else/1 (refund_router.v2.agent:" + v2Gate + ")\n"
                + "      recorded:  refund(order: \"R-80\", amount: 80, reason: \"small refund\") at step 2/then/1 "
                + "(refund_router.v1.agent:" + v1SmallRefund + ")\n"
                + "      candidate: (no call)\n"), out);
        assertTrue(out.contains("  ? refund-500  needs a tool result the recording lacks: call 3 at step 2/else/4/then/1 "
                + "(refund_router.v2.agent:" + v2Notify + "): the recorded run made only 2 calls\n"
                + "      candidate: notify(team: \"finance\", text: \"Refunded 500 for order R-500\") at step 2/else/4/then/1 "
                + "(refund_router.v2.agent:" + v2Notify + ")\n"), out);
        assertTrue(out.contains("= same calls, same output                      1\n"), out);
        assertTrue(out.contains("≠ same calls, different output                 1\n"), out);
        assertTrue(out.contains("✖ diverged                                     1\n"), out);
        assertTrue(out.contains("? needs a tool result the recording lacks      1\n"), out);
        assertTrue(out.contains("4 recorded runs: 1 the same, 3 changed behaviour\n"), out);
    }

    @Test
    void version2AgainstTheRecordedRunsOfVersion1ShowsWhichRunsChangeBehaviour() throws IOException {
        Cli.Result r = cli("regress", V2.toString(), "--runs", "refund_router@1", "--last", "10");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("regress " + V2 + " against 4 recorded runs of refund_router@1\n"), r.toString());
        assertV2Verdicts(r.out());
    }

    @Test
    void theDeployedVersionAgainstItsOwnRunsIsTheSameAndLastTakesTheNewest() throws IOException {
        Cli.Result r = cli("regress", "refund_router@1", "--runs", "refund_router@1", "--last", "2", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("refund_router@1", report.get("candidate").asText(), r.out());
        assertEquals(2, report.at("/summary/total").asInt(), r.out());
        assertEquals(2, report.at("/summary/same").asInt(), r.out());
        // newest first: the two runs started last
        assertEquals("refund-500", report.at("/runs/0/run").asText(), r.out());
        assertEquals("refund-150", report.at("/runs/1/run").asText(), r.out());
        assertEquals("COMPLETED {\"order\":\"R-500\",\"refunded\":500,\"outcome\":\"refunded after approval\"}",
                report.at("/runs/0/candidate_end").asText(), r.out());
    }

    @Test
    void runsOfAnotherVersionOrAgentAreNotFound() {
        Cli.Result r = cli("regress", V2.toString(), "--runs", "refund_router@7");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("no ended run of refund_router@7 found"), r.toString());
    }
}
