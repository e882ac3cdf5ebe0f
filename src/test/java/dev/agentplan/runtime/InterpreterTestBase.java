package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.syntax.json.JsonPlanCodec;

import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A real Temporal test server (in process) with the interpreter worker (production JSON decoder),
 * the real tool activity with test tools, and an in-memory repository of deployed definitions.
 * Plans built in code are pinned as their canonical JSON, with step lines test.agent:10, :11, …
 * in path order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InterpreterTestBase {

    protected static final String QUEUE = "agentplan-test";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final TestTools TOOLS = new TestTools();

    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Deployed definitions for child runs: "agent@ref" (ref "latest" when none). */
    protected static final Map<String, PinnedDefinition> DEPLOYED = new ConcurrentHashMap<>();

    protected static TestWorkflowEnvironment env;
    protected static WorkflowClient client;

    /**
     * Whether the server skips time while a test waits for a result. Tests that talk to a waiting
     * run (updates, signals) turn it off: a client call such as an update also lets the test
     * server skip time, which would fire the run's timeouts under the test's feet.
     */
    protected boolean timeSkipping() {
        return true;
    }

    @BeforeAll
    void startServer() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(timeSkipping()).build());
        AgentWorker.create(env.getWorkerFactory(), new AgentWorker.Config(QUEUE, false, null,
                AgentWorker.kindsOf(TOOLS.registry()), TOOLS,
                (agent, ref) -> DEPLOYED.get(agent + "@" + (ref == null ? "latest" : ref))));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterAll
    void stopServer() {
        env.close();
    }

    @BeforeEach
    void resetTools() {
        TOOLS.reset();
    }

    protected static PinnedDefinition pin(AgentDefinition def) {
        return pin(def, 1);
    }

    protected static PinnedDefinition pin(AgentDefinition def, int version) {
        String canonical = JsonPlanCodec.encode(def);
        Map<String, String> lines = new LinkedHashMap<>();
        int line = 10;
        for (String path : StepPaths.index(def.steps()).keySet()) {
            lines.put(path, "test.agent:" + line++);
        }
        return new PinnedDefinition(def.name(), version, Sha256.of(canonical), canonical, "test.agent", lines);
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    protected static String newId() {
        return "run-" + SEQ.incrementAndGet() + "-" + System.nanoTime();
    }

    protected static WorkflowStub start(PinnedDefinition def, JsonNode inputs) {
        return start(def, inputs, 0);
    }

    protected static WorkflowStub start(PinnedDefinition def, JsonNode inputs, long continueAsNewAfterEvents) {
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(newId()).build());
        stub.start(new RunRequest(def, inputs, null, continueAsNewAfterEvents));
        return stub;
    }

    protected static RunResult run(AgentDefinition def) {
        return run(pin(def), null);
    }

    protected static RunResult run(PinnedDefinition def, JsonNode inputs) {
        return start(def, inputs).getResult(RunResult.class);
    }

    protected static InterpreterWorkflow typed(WorkflowStub stub) {
        return client.newWorkflowStub(InterpreterWorkflow.class, stub.getExecution().getWorkflowId());
    }

    protected static RunStatus status(WorkflowStub stub) {
        return stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
    }

    protected static String out(RunResult r) {
        return r.output() == null || r.output().isNull() ? "null (" + r.error() + ")" : r.output().toString();
    }

    /** Polls the status query until the run gets there. */
    protected static RunStatus awaitStatus(WorkflowStub stub, Predicate<RunStatus> until) throws InterruptedException {
        RunStatus s = null;
        for (int i = 0; i < 400; i++) {
            s = status(stub);
            if (until.test(s)) {
                return s;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the run never got there; last status " + s);
    }

    /** Sends an update and waits for its outcome. */
    protected static <R> R update(WorkflowStub stub, String name, Class<R> type, Object arg) {
        return stub.startUpdate(UpdateOptions.newBuilder(type).setUpdateName(name)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED).build(), arg).getResult();
    }

    /** The message an update was refused with (fails the test when it was not refused). */
    protected static String refusal(WorkflowStub stub, String name, Object arg) {
        WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, () -> update(stub, name, String.class, arg));
        Throwable cause = e.getCause();
        return cause == null ? e.getMessage() : cause.getMessage();
    }
}
