package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.DeployRequest;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail read back from real histories: retries, timers, signals, child runs from the repository. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryReaderTest {

    static final String CHILD = """
            agent child "Echoes its topic"
            input { topic: string }
            tools { defaults { timeout 10s }  say = echo }
            r = say(text: "about ${input.topic}")
            output { text: r.text }
            """;

    static final String PARENT = """
            agent parent "Retries, waits, takes a signal, runs a child"
            tools {
              flaky = fail { timeout 10s  retry { attempts 4  backoff 100ms..200ms } }
            }
            probe = flaky(times: 2, error: "Flaky", result: { ok: true })
            wait 300ms
            go = await signal "go" { timeout 1h }
            report = run child(topic: go.topic)
            output { probe: probe.ok, report: report.text }
            """;

    @TempDir
    static Path dir;

    private FileDefinitionRepository repo;
    private LocalStack stack;

    @BeforeAll
    void start() {
        repo = new FileDefinitionRepository(dir.resolve("repo"));
        stack = LocalStack.start(0, "history-test", true, new RepositoryResolver(repo));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private static AgentDefinition parse(String file, String text) {
        ParseResult parsed = PlanText.parse(file, text);
        assertTrue(!parsed.hasErrors(), parsed.diagnostics().toString());
        return parsed.definition();
    }

    @Test
    void theTrailShowsRetriesTimersSignalsAndChildRuns() throws Exception {
        AgentDefinition child = parse("child.agent", CHILD);
        repo.deploy(DeployRequest.of(child, JsonPlanCodec.encode(child), CHILD, "child.agent"));
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("parent.agent", parse("parent.agent", PARENT)), new ObjectMapper().createObjectNode(),
                "parent-1", stack.taskQueue());
        for (int i = 0; i < 300 && client.status("parent-1").awaitingSignals().isEmpty(); i++) {
            Thread.sleep(100);
        }
        client.signal("parent-1", "go", new ObjectMapper().readTree("{\"topic\": \"tides\"}"));
        RunResult result = client.resultAsync("parent-1").get();
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));

        AuditTrail trail = HistoryReader.read("parent-1", client.historyChain("parent-1"));
        assertEquals("parent", trail.agent());
        assertEquals(0, trail.version(), "run from a file");
        assertEquals("COMPLETED", trail.status());
        assertEquals("about tides", trail.output().get("report").asText());

        AuditEntry probe = only(trail.events(), "tool");
        assertEquals("flaky", probe.tool());
        assertEquals("fail", probe.kind());
        assertEquals("1", probe.step());
        assertEquals("parent.agent:5", probe.line());
        assertEquals(3, probe.attempts());
        // a cluster records the failure before the last attempt; the Java test server records only the attempt count
        assertTrue(probe.lastFailure() == null || probe.lastFailure().startsWith("Flaky: "), probe.lastFailure());
        assertEquals("ok", probe.outcome());

        List<AuditEntry> timers = trail.events().stream().filter(e -> e.type().equals("timer")).toList();
        AuditEntry wait = timers.stream().filter(t -> "PT0.3S".equals(t.detail())).findFirst().orElseThrow();
        assertEquals("fired", wait.outcome());
        assertEquals("wait at step 2", wait.name());

        AuditEntry signal = only(trail.events(), "signal");
        assertEquals("go", signal.name());
        assertEquals("tides", signal.payload().get("topic").asText());

        AuditEntry resolve = only(trail.events(), "resolve");
        assertEquals("child", resolve.name());
        assertEquals("found child@1", resolve.detail());

        AuditEntry childRun = only(trail.events(), "child");
        assertEquals("child@1", childRun.name());
        assertEquals("completed", childRun.outcome());
        assertEquals("about tides", childRun.result().get("text").asText());
        assertNotNull(childRun.detail(), "the child's run id");
    }

    static final String TWINS = """
            agent twins "Three timers of one length, each for something else"
            tools { defaults { timeout 10s }  say = echo }
            wait 1s
            approve go_ok { ask "Go?"  timeout 1s  on_timeout approve }
            nudge = await signal "nudge" { timeout 1s  on_timeout continue }
            r = say(text: "done")
            output { text: r.text }
            """;

    /**
     * Timers of equal length used to defeat the guess from their length (it names none of them);
     * their summaries tell them apart, name their steps and lines, and the approval timer's firing
     * is read as the gate's timeout.
     */
    @Test
    void timersOfOneLengthAreToldApartByTheirSummaries() throws Exception {
        AgentDefinition twins = parse("twins.agent", TWINS);
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("twins.agent", twins), new ObjectMapper().createObjectNode(), "twins-1", stack.taskQueue());
        RunResult result = client.resultAsync("twins-1").get();
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));

        AuditTrail trail = HistoryReader.read("twins-1", client.historyChain("twins-1"));
        List<AuditEntry> timers = trail.events().stream().filter(e -> e.type().equals("timer")).toList();
        assertEquals(List.of("PT1S", "PT1S", "PT1S"), timers.stream().map(AuditEntry::detail).toList());
        assertEquals(List.of("wait at step 1", "approval go_ok timeout", "signal nudge timeout"),
                timers.stream().map(AuditEntry::name).toList());
        assertEquals(List.of("1", "2", "3"), timers.stream().map(AuditEntry::step).toList());
        assertEquals(List.of("twins.agent:3", "twins.agent:4", "twins.agent:5"),
                timers.stream().map(AuditEntry::line).toList());
        assertNull(PinnedPlan.of(Pins.ofFile("twins.agent", twins)).timerPurpose(java.time.Duration.ofSeconds(1), false),
                "the length alone cannot tell them apart");

        AuditEntry gate = only(trail.events(), "approval");
        assertEquals("go_ok", gate.name());
        assertEquals("approved", gate.outcome());
        assertTrue(gate.detail().startsWith("its timeout after PT1S"), gate.detail());
    }

    /**
     * A run from before summaries (recorded on the test server) gets its timer's purpose guessed
     * from the length; the same run recorded since (on the dev server) tells it, with the step.
     */
    @Test
    void timersOfRunsFromBeforeSummariesAreStillNamedByTheirLength() throws Exception {
        for (String file : List.of("approval_update.json", "dev/approval_update.json")) {
            String json;
            try (var in = getClass().getResourceAsStream("/dev/agentplan/durability/histories/" + file)) {
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            AuditTrail trail = HistoryReader.read("recorded", List.of(
                    io.temporal.common.WorkflowExecutionHistory.fromJson(json)));
            AuditEntry timer = only(trail.events(), "timer");
            assertEquals("approval restart_ok timeout", timer.name(), file);
            assertEquals(file.startsWith("dev/") ? "2" : null, timer.step(), file + ": the step comes from the summary");
        }
    }

    @Test
    void anUnknownChildAgentIsNotFoundByTheResolver() {
        assertNull(new RepositoryResolver(repo).resolve("nobody", null));
        assertNull(new RepositoryResolver(repo).resolve("child", "99"));
    }

    private static AuditEntry only(List<AuditEntry> events, String type) {
        List<AuditEntry> found = events.stream().filter(e -> e.type().equals(type)).toList();
        assertEquals(1, found.size(), type + " in " + events);
        return found.get(0);
    }
}
