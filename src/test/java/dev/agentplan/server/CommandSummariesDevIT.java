package dev.agentplan.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.repository.DeployRequest;
import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.runtime.RunMemo;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Temporal's Web UI shows, on the real server (one dev server for the class): the summaries
 * of activities, timers and child runs (the Java test server keeps no summary on a child's
 * initiated event), the run's own summary, the memo and search attributes naming the agent and
 * version (the child's too), and {@code history} telling timers of one length apart by them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandSummariesDevIT {

    @TempDir
    static Path dir;

    private FileDefinitionRepository repo;
    private LocalStack stack;

    @BeforeAll
    void start() {
        Path cli = RealServer.cliOrSkip();
        repo = new FileDefinitionRepository(dir.resolve("repo"));
        stack = LocalStack.startDev(new DevServer.Options(cli, null, 0, 0, List.of(), List.of()), "default",
                "summaries-dev", new RepositoryResolver(repo));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theRealServerKeepsEverySummaryAndTheMemo() throws Exception {
        AgentDefinition child = PlanText.parse("helper.agent", CommandSummariesTest.CHILD).definition();
        repo.deploy(DeployRequest.of(child, JsonPlanCodec.encode(child), CommandSummariesTest.CHILD, "helper.agent"));
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("shop.agent", PlanText.parse("shop.agent", CommandSummariesTest.SHOP).definition()),
                new ObjectMapper().createObjectNode(), "shop-dev", stack.taskQueue());
        RunResult result = client.resultAsync("shop-dev").get();
        assertEquals(RunState.FAILED, result.status(), String.valueOf(result.error()));

        List<HistoryEvent> events = client.historyChain("shop-dev").get(0).getEvents();
        assertEquals(List.of("step 1 store (shop.agent:4) echo", "step 2/body/1 #1 store (shop.agent:6) echo",
                "step 2/body/1 #2 store (shop.agent:6) echo", "step 4 run helper (shop.agent:9) resolve",
                "step 1 undo store (shop.agent:4) echo"), summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
        assertEquals(List.of("duration budget 1h of shop@0", "step 3 wait (shop.agent:8) 200ms"),
                summaries(events, EventType.EVENT_TYPE_TIMER_STARTED));
        assertEquals(List.of("step 4 run helper@1 (shop.agent:9)"),
                summaries(events, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED));
        assertEquals("shop@0 (shop.agent)", Payloads.text(events.get(0).getUserMetadata().getSummary()));

        var childRun = events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED)
                .findFirst().orElseThrow().getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        var childStart = client.historyChain(childRun.getWorkflowId()).get(0).getEvents().get(0)
                .getWorkflowExecutionStartedEventAttributes();
        assertEquals("helper", Payloads.text(childStart.getMemo().getFieldsMap().get(RunMemo.AGENT)));
        var attributes = childStart.getSearchAttributes().getIndexedFieldsMap();
        assertEquals("helper", Payloads.text(attributes.get(RunMemo.AGENT_ATTRIBUTE)), "the child is listed by its agent");
        assertEquals("1", PayloadEncryption.dataConverter().fromPayload(attributes.get(RunMemo.VERSION_ATTRIBUTE),
                Long.class, Long.class).toString());

        RunDescription described = client.describe(childRun.getWorkflowId());
        assertEquals("helper", described.agent(), "status and runs read the child's agent from its memo");
    }

    @Test
    void historyTellsTimersOfOneLengthApart() throws Exception {
        RunClient client = new RunClient(stack.connection());
        client.start(Pins.ofFile("twins.agent", PlanText.parse("twins.agent", HistoryReaderTest.TWINS).definition()),
                new ObjectMapper().createObjectNode(), "twins-dev", stack.taskQueue());
        RunResult result = client.resultAsync("twins-dev").get();
        assertEquals(RunState.COMPLETED, result.status(), String.valueOf(result.error()));

        AuditTrail trail = HistoryReader.read("twins-dev", client.historyChain("twins-dev"));
        List<AuditEntry> timers = trail.events().stream().filter(e -> e.type().equals("timer")).toList();
        assertEquals(List.of("wait at step 1", "approval go_ok timeout", "signal nudge timeout"),
                timers.stream().map(AuditEntry::name).toList());
        assertEquals(List.of("PT1S", "PT1S", "PT1S"), timers.stream().map(AuditEntry::detail).toList());

        assertEquals(List.of("twins.agent:3", "twins.agent:4", "twins.agent:5"),
                timers.stream().map(AuditEntry::line).toList());
        AuditEntry gate = trail.events().stream().filter(e -> e.type().equals("approval")).findFirst().orElseThrow();
        assertEquals("approved", gate.outcome(), "the approval timer's firing decided the gate");
    }

    private static List<String> summaries(List<HistoryEvent> events, EventType type) {
        return events.stream().filter(e -> e.getEventType() == type)
                .map(e -> e.hasUserMetadata() && e.getUserMetadata().hasSummary() ? text(e.getUserMetadata().getSummary()) : "")
                .toList();
    }

    private static String text(Payload p) {
        return Payloads.text(p);
    }
}
