package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentplan.server.DevServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan regress --runs} on the real Temporal server ({@code agentplan server --db}):
 * the recorded runs are found through Temporal's visibility, not the run index (the repository
 * given to regress is a fresh one that has never seen them), and the demonstration's v2 reports
 * which of them change behaviour.
 */
class RegressDevIT {

    @TempDir
    Path dir;

    @Test
    void runsFoundThroughVisibilityAreReRunOnTheCandidate() throws Exception {
        var cli = DevServer.locateCli();
        if (cli.isEmpty()) {
            assertTrue(!"true".equals(System.getenv("CI")), "CI=true: the Temporal CLI must be installed (.ci/run does it)");
            assumeTrue(false, "no Temporal CLI (set AGENTPLAN_TEMPORAL_CLI): the real-server regress test is skipped");
        }
        try (Agentplan agentplan = new Agentplan(dir)) {
            String repo = dir.resolve("repo").toString();
            int port = Agentplan.freePort();
            String address = "127.0.0.1:" + port;
            Agentplan.Background server = agentplan.start("server", "--db", dir.resolve("dev.db").toString(),
                    "--port", Integer.toString(port), "--ui-port", "0", "--repo", repo,
                    "--temporal-cli", cli.get().toString());
            server.await("listening on " + address, Duration.ofSeconds(120));
            assertEquals(0, agentplan.run("deploy", "definitions/regress/refund_router.v1.agent", "--repo", repo).exit());
            for (int amount : new int[] {20, 80}) {
                Agentplan.Result r = agentplan.run("run", "refund_router@1", "--id", "dev-refund-" + amount, "--detach",
                        "--repo", repo, "--address", address,
                        "--input", "{\"order_id\": \"R-" + amount + "\", \"amount\": " + amount + "}");
                assertEquals(0, r.exit(), r.toString());
                awaitCompleted(agentplan, "dev-refund-" + amount, address);
            }
            // visibility is eventually consistent: wait until it lists both
            Agentplan.Result report = null;
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                report = agentplan.run("regress", "definitions/regress/refund_router.v2.agent", "--runs", "refund_router@1",
                        "--last", "5", "--address", address, "--repo", dir.resolve("fresh-repo").toString());
                if (report.out().contains("against 2 recorded runs")) {
                    break;
                }
                Thread.sleep(1000);
            }
            assertEquals(1, report.exit(), report.toString());
            assertTrue(report.out().contains("against 2 recorded runs of refund_router@1"), report.toString());
            assertTrue(report.out().contains("  = dev-refund-20  same calls (2), same output"), report.toString());
            assertTrue(report.out().contains("  ✖ dev-refund-80  diverged at call 2, step 2/then/1"), report.toString());
            assertTrue(report.out().contains("it ended FAILED ApprovalTimeout at step 2/else/1"), report.toString());
        }
    }

    private static void awaitCompleted(Agentplan agentplan, String run, String address) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Agentplan.Result last = null;
        while (System.nanoTime() < end) {
            last = agentplan.run("status", run, "--address", address);
            if (last.out().contains("state      COMPLETED")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + run + " never completed\n" + last);
    }
}
