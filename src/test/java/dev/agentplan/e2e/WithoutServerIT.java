package dev.agentplan.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with no server running: the README's main command on the embedded server, an embedded
 * run approved from another process, and the one-line error when a server is needed but absent.
 */
class WithoutServerIT {

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

    @Test
    void theReadmeCommandRunsTheHealthCheckOnTheEmbeddedServer() throws Exception {
        Agentplan.Result r = agentplan.run("run", "definitions/local_health_check.agent");
        assertEquals(0, r.exit(), r.toString());
        JsonNode output = new ObjectMapper().readTree(r.out()); // stdout is clean JSON
        assertTrue(output.get("kernel").asText().length() > 0, r.toString());
        assertTrue(output.get("probe_ok").asBoolean(), r.toString());
        assertEquals(2, output.get("filesystems").size(), "one entry per input path: " + r);
        int flakyLine = lineOf(Path.of("definitions/local_health_check.agent"), "probe = flaky(");
        assertTrue(r.err().contains(" (local_health_check.agent:" + flakyLine + ") flaky fail"), r.toString());
        assertTrue(r.err().contains("(attempt 3)"), "the flaky step succeeds on its third attempt: " + r);
    }

    private static int lineOf(Path file, String text) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void anEmbeddedRunWaitsForAnApprovalGivenFromAnotherProcess() throws Exception {
        Agentplan.Background run = agentplan.start("run", "definitions/release_notes.agent", "--id", "notes-1",
                "--repo", dir.resolve("repo").toString());
        run.await("waiting for a decision: agentplan approve notes-1 publish_ok --address ", Duration.ofSeconds(90));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("approve notes-1 publish_ok --address (127\\.0\\.0\\.1:\\d+)")
                .matcher(run.err());
        assertTrue(m.find(), run.err());
        String address = m.group(1);
        Agentplan.Result approve = agentplan.run("approve", "notes-1", "publish_ok", "--address", address,
                "--as", "bob", "--comment", "ship it");
        assertEquals(0, approve.exit(), approve.toString());
        assertTrue(run.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), run.err());
        assertEquals(0, run.process().exitValue(), run.err());
        JsonNode output = new ObjectMapper().readTree(run.out());
        assertEquals("bob", output.get("approved_by").asText());
        assertEquals("published release 1.0.0", output.get("published").asText());
    }

    @Test
    void aMissingServerIsOneLineAndExitFour() throws Exception {
        String address = "127.0.0.1:" + Agentplan.freePort();
        for (String[] args : new String[][] {
            {"status", "some-run", "--address", address},
            {"run", "definitions/local_health_check.agent", "--address", address},
        }) {
            Agentplan.Result r = agentplan.run(args);
            assertEquals(4, r.exit(), String.join(" ", args) + "\n" + r);
            assertEquals("agentplan: cannot reach the Temporal server at " + address
                    + " (start one with: agentplan server)", r.err().strip(), r.toString());
            assertEquals("", r.out());
        }
    }
}
