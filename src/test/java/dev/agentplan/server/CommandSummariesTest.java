package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.DeployRequest;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.RunMemo;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Temporal's own UI shows of a run: every activity, timer and child run the interpreter
 * starts carries a summary naming its step and {@code .agent} line, and a child run carries the
 * memo every run has. Read from the real event history (the Java test server keeps user metadata).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandSummariesTest {

    static final String CHILD = """
            agent helper "Echoes its topic"
            input { topic: string }
            tools { defaults { timeout 10s }  say = echo }
            r = say(text: "about ${input.topic}")
            output { text: r.text }
            """;

    static final String SHOP = """
            agent shop "Calls, a loop, a wait, a child run and an undo"
            tools { defaults { timeout 10s }  store = echo { effect write  idempotent } }
            budget { duration 1h }
            a = store(id: "A") key "create-A" undo store(delete: a.id)
            for each x in ["p", "q"] {
              b = store(item: x)
            }
            wait 200ms
            c = run helper(topic: "tides")
            fail "after ${c.text}"
            """;

    @TempDir
    static Path dir;

    private FileDefinitionRepository repo;
    private LocalStack stack;

    @BeforeAll
    void start() {
        repo = new FileDefinitionRepository(dir.resolve("repo"));
        stack = LocalStack.start(0, "summaries-test", true, new RepositoryResolver(repo));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void everyCommandNamesItsStepAndLine() throws Exception {
        AgentDefinition child = parse("helper.agent", CHILD);
        repo.deploy(DeployRequest.of(child, JsonPlanCodec.encode(child), CHILD, "helper.agent"));
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("shop.agent", parse("shop.agent", SHOP)), new ObjectMapper().createObjectNode(),
                "shop-1", stack.taskQueue());
        RunResult result = client.resultAsync("shop-1").get();
        assertEquals(RunState.FAILED, result.status(), String.valueOf(result.error()));

        List<HistoryEvent> events = client.historyChain("shop-1").get(0).getEvents();
        assertEquals(List.of(
                "step 1 store (shop.agent:4) echo",
                "step 2/body/1 #1 store (shop.agent:6) echo",
                "step 2/body/1 #2 store (shop.agent:6) echo",
                "step 4 run helper (shop.agent:9) resolve",
                "step 1 undo store (shop.agent:4) echo"), summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
        assertEquals(List.of("duration budget 1h of shop@0", "step 3 wait (shop.agent:8) 200ms"),
                summaries(events, EventType.EVENT_TYPE_TIMER_STARTED));
        // the child's summary is its own: the start event of the child's history carries it

        HistoryEvent started = events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED).findFirst().orElseThrow();
        String childId = started.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId();
        WorkflowExecutionHistory childHistory = client.historyChain(childId).get(0);
        var childStart = childHistory.getEvents().get(0);
        Map<String, io.temporal.api.common.v1.Payload> memo = childStart.getWorkflowExecutionStartedEventAttributes()
                .getMemo().getFieldsMap();
        assertEquals("helper", Payloads.text(memo.get(RunMemo.AGENT)));
        assertEquals(1, PayloadEncryption.dataConverter().fromPayload(memo.get(RunMemo.VERSION), Integer.class, Integer.class));
        assertEquals("step 4 run helper@1 (shop.agent:9)", text(childStart.getUserMetadata().getSummary()));
        assertEquals("helper@1 (helper.agent)", text(childStart.getUserMetadata().getDetails()));
        assertEquals("step 1 say (helper.agent:4) echo",
                summaries(childHistory.getEvents(), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).get(0));

        HistoryEvent parentStart = events.get(0);
        assertEquals("shop@0 (shop.agent)", text(parentStart.getUserMetadata().getSummary()),
                "the run itself is listed by agent and version");
    }

    private static List<String> summaries(List<HistoryEvent> events, EventType type) {
        List<String> out = events.stream().filter(e -> e.getEventType() == type)
                .map(e -> e.hasUserMetadata() && e.getUserMetadata().hasSummary() ? text(e.getUserMetadata().getSummary()) : "")
                .toList();
        assertTrue(!out.isEmpty(), "no " + type + " events");
        return out;
    }

    private static String text(io.temporal.api.common.v1.Payload p) {
        return Payloads.text(p);
    }

    private static AgentDefinition parse(String file, String text) {
        ParseResult parsed = PlanText.parse(file, text);
        assertTrue(!parsed.hasErrors(), parsed.diagnostics().toString());
        return parsed.definition();
    }
}
