package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan regress} from exported histories: four runs of refund_router@1 recorded on a
 * local server ({@code agentplan export refund-N > refund-N.json} after {@code deploy}, {@code run}
 * with amounts 20, 80, 150 and 500, and {@code approve … --as alice} for the two over 100).
 */
class RegressHistoriesTest {

    static final Path HISTORIES = Path.of("src/test/resources/dev/agentplan/regress/refund_router_v1");

    @TempDir
    Path dir;

    @Test
    void version2AgainstADirectoryOfExportedHistories() throws IOException {
        Cli.Result r = Cli.run("regress", RegressCommandTest.V2.toString(), HISTORIES.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().startsWith("regress " + RegressCommandTest.V2 + " against 4 recorded runs of refund_router@1\n"),
                r.toString());
        RegressCommandTest.assertV2Verdicts(r.out());
    }

    @Test
    void aChangedArgumentDivergesWithBothSidesAndTheJsonSaysSo() throws IOException {
        Path v3 = dir.resolve("refund_router.agent");
        Files.writeString(v3, Files.readString(RegressCommandTest.V1).replace("reason: \"small refund\"", "reason: \"small\""));
        int line = RegressCommandTest.lineOf(v3, "reason: \"small\"");
        Cli.Result text = Cli.run("regress", v3.toString(), HISTORIES.resolve("refund-20.json").toString(),
                HISTORIES.resolve("refund-150.json").toString());
        assertEquals(1, text.exit(), text.toString());
        assertTrue(text.out().contains("  ✖ refund-20  diverged at call 2, step 2/then/1 (refund_router.agent:" + line
                + "): arguments differ: reason: \"small refund\" ≠ \"small\"\n"
                + "      recorded:  refund(order: \"R-20\", amount: 20, reason: \"small refund\") at step 2/then/1 "
                + "(refund_router.v1.agent:" + line + ")\n"
                + "      candidate: refund(order: \"R-20\", amount: 20, reason: \"small\") at step 2/then/1 "
                + "(refund_router.agent:" + line + ")\n"), text.out());
        assertTrue(text.out().contains("  = refund-150  same calls (2), same output\n"), text.out());
        assertTrue(text.out().contains("2 recorded runs: 1 the same, 1 changed behaviour\n"), text.out());

        Cli.Result json = Cli.run("regress", v3.toString(), HISTORIES.resolve("refund-20.json").toString(), "--json");
        assertEquals(1, json.exit(), json.toString());
        JsonNode run = new ObjectMapper().readTree(json.out()).at("/runs/0");
        assertEquals("diverged", run.get("verdict").asText(), json.out());
        assertEquals("2/then/1", run.get("step").asText(), json.out());
        assertEquals("refund_router.agent:" + line, run.get("line").asText(), json.out());
        assertEquals("small refund", run.at("/recorded_call/args/reason").asText(), json.out());
        assertEquals("small", run.at("/candidate_call/args/reason").asText(), json.out());
        assertEquals(1, run.get("same_calls").asInt(), json.out());
    }

    @Test
    void aFileThatIsNotAHistoryIsNotComparable() throws IOException {
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"not\": \"a history\"}");
        Cli.Result r = Cli.run("regress", RegressCommandTest.V1.toString(), junk.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("  - junk  not comparable: not the history of an agentplan run"), r.toString());
    }

    @Test
    void usageAndMissingInputHaveTheirExitCodes() {
        Cli.Result none = Cli.run("regress", RegressCommandTest.V2.toString());
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("give the recorded runs"), none.toString());
        Cli.Result both = Cli.run("regress", RegressCommandTest.V2.toString(), HISTORIES.toString(), "--runs", "x@1");
        assertEquals(2, both.exit(), both.toString());
        Cli.Result noFile = Cli.run("regress", RegressCommandTest.V2.toString(), dir.resolve("nope.json").toString());
        assertEquals(3, noFile.exit(), noFile.toString());
        assertTrue(noFile.err().contains("no such file or directory"), noFile.toString());
        Cli.Result noCandidate = Cli.run("regress", dir.resolve("missing.agent").toString(), HISTORIES.toString());
        assertEquals(3, noCandidate.exit(), noCandidate.toString());
        Cli.Result noVersion = Cli.run("regress", "refund_router@9", HISTORIES.toString(), "--repo", dir.resolve("repo").toString());
        assertEquals(3, noVersion.exit(), noVersion.toString());
        Cli.Result empty = Cli.run("regress", RegressCommandTest.V2.toString(), dir.toString());
        assertEquals(3, empty.exit(), empty.toString());
    }
}
