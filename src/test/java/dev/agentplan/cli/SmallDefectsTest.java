package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14's smaller defects: a bad --address, a repository that is a file, budgets printed as 1E+1. */
class SmallDefectsTest {

    @TempDir
    Path dir;

    @Test
    void anAddressWithAPortOutOfRangeIsOneUsageLineWithoutStackTraces() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Cli.Result r;
        try {
            System.setErr(new PrintStream(raw, true, StandardCharsets.UTF_8));
            r = Cli.run("status", "some-run", "--address", "127.0.0.1:99999");
            Thread.sleep(500); // gRPC's resolver threads printed their traces asynchronously
        } finally {
            System.setErr(original);
        }
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertEquals("agentplan: --address '127.0.0.1:99999' is not a server address: the port must be between 1 and"
                + " 65535 (use HOST:PORT, e.g. 127.0.0.1:7233)", r.err().strip());
        String stray = raw.toString(StandardCharsets.UTF_8);
        assertFalse(stray.contains("Exception"), stray);
        for (String bad : new String[] {"localhost", ":7233", "host:port", "::1:7233"}) {
            Cli.Result b = Cli.run("status", "x", "--address", bad);
            assertEquals(ExitCode.USAGE, b.exit(), b.toString());
            assertEquals(1, b.err().lines().count(), b.toString());
        }
    }

    @Test
    void aRepositoryThatIsAFileIsAnErrorNotAnEmptyList() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Cli.Result r = Cli.run("list", "--repo", file.toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertEquals("agentplan: the repository " + file + " (from --repo) is a file, not a directory: point --repo at a"
                + " directory (it is created on the first deploy)", r.err().strip());
        RepoOption fromEnvironment = new RepoOption();
        CliException e = assertThrows(CliException.class,
                () -> fromEnvironment.open(Map.of("AGENTPLAN_HOME", file.toString())));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("(from AGENTPLAN_HOME) is a file, not a directory: point AGENTPLAN_HOME at"),
                e.getMessage());
        assertEquals(dir.resolve("fresh"), new RepoOption().open(Map.of("AGENTPLAN_HOME", dir.resolve("fresh").toString()))
                .root(), "a directory not made yet is fine");
    }

    @Test
    void statusJsonPrintsBudgetsAsPlainNumbers() throws Exception {
        String repo = dir.resolve("repo").toString();
        Path plan = Files.writeString(dir.resolve("budgeted.agent"), """
                agent budgeted "one call under a budget"
                tools { say = echo { timeout 10s } }
                budget { tool_calls 10  steps 100  cost 10 }
                r = say(text: "hi")
                output { text: r.text }
                """);
        try (LocalStack stack = LocalStack.start(0, null, true,
                new RepositoryResolver(FileDefinitionRepository.open(repo)))) {
            assertEquals(0, Cli.run("deploy", plan.toString(), "--repo", repo).exit());
            Cli.Result run = Cli.run("run", "budgeted", "--id", "budget-1", "--repo", repo, "--address", stack.address());
            assertEquals(0, run.exit(), run.toString());
            Cli.Result status = Cli.run("status", "budget-1", "--json", "--address", stack.address());
            assertEquals(0, status.exit(), status.toString());
            assertFalse(status.out().contains("E+"), status.out());
            JsonNode budgets = new ObjectMapper().readTree(status.out()).at("/status/budget");
            assertTrue(budgets.isArray() && budgets.size() > 0, status.out());
            boolean sawTen = false;
            for (JsonNode b : budgets) {
                sawTen |= b.path("limit").isIntegralNumber() && b.path("limit").asInt() == 10;
            }
            assertTrue(sawTen, status.out());
        }
    }
}
