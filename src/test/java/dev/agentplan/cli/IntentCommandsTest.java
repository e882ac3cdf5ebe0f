package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentplan signal} and {@code agentplan update} for intent handlers, against a local
 * server in this JVM: payload types are checked before anything is sent, the update's answer is
 * printed, and {@code status} and {@code history} show the events with their sender.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntentCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String PLAN = """
            agent narrowing "The user narrows the scope while the run waits"
            tools { check = echo { timeout 10s } }
            on signal "scope" as scope: object = { regions: ["us", "eu"] }
            on update "focus" as focus: string = "all"
            go = await signal "go" { timeout 1h  on_timeout fail }
            r = check(regions: scope.regions, focus: focus)
            output { regions: r.regions, focus: r.focus }
            """;

    @TempDir
    static Path dir;

    private LocalStack stack;
    private Connection connection;
    private String repo;

    @BeforeAll
    void startServer() {
        repo = dir.resolve("repo").toString();
        stack = LocalStack.start(0, null, true, new RepositoryResolver(FileDefinitionRepository.open(repo)));
        connection = Connection.open(stack.address(), null);
    }

    @AfterAll
    void stopServer() {
        connection.close();
        stack.close();
    }

    private Cli.Result cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--address";
        all[args.length + 1] = stack.address();
        return Cli.run(all);
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static Cli.Result usage(Cli.Result r, String says) {
        assertEquals(ExitCode.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains(says), r.toString());
        return r;
    }

    private RunStatus awaitStatus(String runId, Predicate<RunStatus> until) throws InterruptedException {
        return StatusPolling.await(new RunClient(connection), runId, until, Duration.ofSeconds(30));
    }

    @Test
    void payloadsAreCheckedBeforeTheyAreSentAndEventsAreAuditedWithTheirSender() throws Exception {
        Path file = dir.resolve("narrowing.agent");
        Files.writeString(file, PLAN);
        ok(Cli.run("deploy", file.toString(), "--repo", repo));
        String runId = ok(cli("run", "narrowing", "--detach", "--id", "narrowing-1", "--repo", repo)).out().strip();
        awaitStatus(runId, s -> s.awaitingSignals().contains("go"));

        usage(cli("signal", runId, "scope", "--payload", "\"eu\""),
                "the payload of \"scope\" must be an object, not string");
        usage(cli("update", runId, "focus", "--payload", "42"), "the payload of \"focus\" must be a string, not number");
        usage(cli("update", runId, "scope", "--payload", "{}"), "use 'agentplan signal " + runId + " scope'");
        usage(cli("update", runId, "nosuch"), "has no 'on update \"nosuch\"' handler");
        assertFalse(ok(cli("history", runId)).out().contains("intent"), "nothing reached the run");

        Cli.Result sent = ok(cli("signal", runId, "scope", "--payload", "{\"regions\": [\"eu\"]}"));
        assertTrue(sent.out().contains("its handler sets scope"), sent.toString());
        Cli.Result answered = ok(cli("update", runId, "focus", "--payload", "\"db\""));
        assertTrue(answered.out().startsWith("accepted focus: applied"), answered.toString());

        awaitStatus(runId, s -> s.lastIntent() != null && s.lastIntent().name().equals("focus"));
        Cli.Result status = ok(cli("status", runId));
        assertTrue(status.out().contains("on signal \"scope\" as scope: object  plan-wide, now {\"regions\":[\"eu\"]}"),
                status.toString());
        assertTrue(status.out().contains("on update \"focus\" as focus: string  plan-wide, now \"db\""), status.toString());
        assertTrue(status.out().contains("update \"focus\" \"db\" at "), status.toString());
        assertTrue(status.out().contains(" by agentplan:"), status.toString());

        ok(cli("signal", runId, "go"));
        RunStatus done = awaitStatus(runId, s -> s.state().isFinal());
        assertEquals(RunState.COMPLETED, done.state(), String.valueOf(done.error()));
        JsonNode result = JSON.readTree(ok(cli("status", runId, "--json")).out());
        assertEquals("{\"regions\":[\"eu\"],\"focus\":\"db\"}", result.at("/result/output").toString(), result.toString());

        String history = ok(cli("history", runId)).out();
        assertTrue(history.contains("intent   scope  payload {\"regions\":[\"eu\"]}  sent by agentplan:"), history);
        assertTrue(history.contains("intent   focus  payload \"db\"  sent by agentplan:"), history);
        assertTrue(history.contains("(update from agentplan:"), history);

        Cli.Result ended = cli("update", runId, "focus", "--payload", "\"x\"");
        assertEquals(ExitCode.FAILED, ended.exit(), ended.toString());
        assertTrue(ended.err().contains("has already ended"), ended.toString());
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertEquals(ExitCode.NOT_FOUND, cli("signal", "no-such-run", "scope", "--payload", "{}").exit());
        assertEquals(ExitCode.NOT_FOUND, cli("update", "no-such-run", "focus", "--payload", "\"x\"").exit());
    }
}
