package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.server.Connection;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.RepositoryResolver;
import dev.agentplan.server.RunClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals keep their place among the calls: a run that got a handler's signal after its first call
 * and an awaited signal later, with a parallel step between (whose lanes may be scheduled in
 * either order), is recorded on a local server, exported, and re-run. The same plan behaves the
 * same (were the scope signal delivered at the start, the first call's arguments would differ); a
 * changed lane diverges inside the parallel step.
 */
class RegressSignalsTest {

    static final String PLAN = """
            agent sweeper "Looks, waits for go, looks in two lanes, looks again"
            on signal "scope" as scope: string = "all"
            tools { look = echo { timeout 5s } }
            look(step: "first", scope: scope)
            go = await signal "go" { timeout 1h }
            both = parallel all {
              lane a { x = look(step: "a", scope: scope) }
              lane b { y = look(step: "b", scope: scope) }
            }
            look(step: "last", scope: scope, n: go.n)
            output { scope: scope, n: go.n }
            """;

    @TempDir
    Path dir;

    @Test
    void recordedSignalsArriveAfterTheSameCallsAndParallelLanesMatchInAnyOrder() throws Exception {
        String repo = dir.resolve("repo").toString();
        Path plan = dir.resolve("sweeper.agent");
        Files.writeString(plan, PLAN);
        Path export = dir.resolve("sw-1.json");
        try (LocalStack stack = LocalStack.start(0, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo)));
             Connection connection = Connection.open(stack.address(), null)) {
            String address = stack.address();
            assertEquals(0, Cli.run("deploy", plan.toString(), "--repo", repo).exit());
            Cli.Result started = Cli.run("run", "sweeper@1", "--id", "sw-1", "--detach", "--repo", repo, "--address", address);
            assertEquals(0, started.exit(), started.toString());
            await(connection, "sw-1", s -> s.state() == RunState.WAITING_SIGNAL);
            assertEquals(0, Cli.run("signal", "sw-1", "scope", "--payload", "\"eu\"", "--address", address).exit());
            assertEquals(0, Cli.run("signal", "sw-1", "go", "--payload", "{\"n\": 7}", "--address", address).exit());
            await(connection, "sw-1", s -> s.state() == RunState.COMPLETED);
            Cli.Result exported = Cli.run("export", "sw-1", "--address", address);
            assertEquals(0, exported.exit(), exported.toString());
            Files.writeString(export, exported.out());
        }

        Cli.Result same = Cli.run("regress", plan.toString(), export.toString());
        assertEquals(0, same.exit(), same.toString());
        assertTrue(same.out().contains("  = sw-1  same calls (4), same output\n"), same.toString());

        Path changed = dir.resolve("changed/sweeper.agent");
        Files.createDirectories(changed.getParent());
        Files.writeString(changed, PLAN.replace("y = look(step: \"b\"", "y = look(step: \"B\""));
        Cli.Result diverged = Cli.run("regress", changed.toString(), export.toString());
        assertEquals(1, diverged.exit(), diverged.toString());
        assertTrue(diverged.out().contains("  ✖ sw-1  diverged at call "), diverged.toString());
        assertTrue(diverged.out().contains("arguments differ: step: \"b\" ≠ \"B\""), diverged.toString());
        assertTrue(diverged.out().contains("      candidate: look(step: \"B\", scope: \"eu\") at step 3/lane:b/1 (sweeper.agent:8)"),
                diverged.toString());
    }

    private static void await(Connection connection, String runId, Predicate<RunStatus> until) throws InterruptedException {
        StatusPolling.await(new RunClient(connection), runId, until, Duration.ofSeconds(30));
    }
}
