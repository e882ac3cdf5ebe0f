package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.StepPaths;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real Temporal test server (in process, time skipping) with the interpreter worker, the test
 * tools and an in-memory repository of deployed definitions. Plans are "pinned" under a unique
 * key the test decoder maps back to the model, with step lines test.agent:10, :11, … in path order.
 */
public abstract class InterpreterTestBase {

    protected static final String QUEUE = "agentplan-test";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final TestTools TOOLS = new TestTools();

    private static final Map<String, AgentDefinition> PINNED = new ConcurrentHashMap<>();
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Deployed definitions for child runs: "agent@ref" (ref "latest" when none). */
    protected static final Map<String, PinnedDefinition> DEPLOYED = new ConcurrentHashMap<>();

    protected static TestWorkflowEnvironment env;
    protected static WorkflowClient client;

    @BeforeAll
    static void startServer() {
        env = TestWorkflowEnvironment.newInstance();
        AgentWorker.create(env.getWorkerFactory(), new AgentWorker.Config(QUEUE, false, InterpreterTestBase::decode,
                TestTools::kind, TOOLS, (agent, ref) -> DEPLOYED.get(agent + "@" + (ref == null ? "latest" : ref))));
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterAll
    static void stopServer() {
        env.close();
    }

    @BeforeEach
    void resetTools() {
        TOOLS.reset();
    }

    static AgentDefinition decode(String fileName, String canonicalJson) {
        AgentDefinition def = PINNED.get(canonicalJson);
        if (def == null) {
            throw new IllegalArgumentException("unknown test definition " + canonicalJson);
        }
        return def;
    }

    protected static PinnedDefinition pin(AgentDefinition def) {
        return pin(def, 1);
    }

    protected static PinnedDefinition pin(AgentDefinition def, int version) {
        String key = "test-plan:" + SEQ.incrementAndGet() + ":" + def.name();
        PINNED.put(key, def);
        Map<String, String> lines = new LinkedHashMap<>();
        int line = 10;
        for (String path : StepPaths.index(def.steps()).keySet()) {
            lines.put(path, "test.agent:" + line++);
        }
        return new PinnedDefinition(def.name(), version, PinnedDefinition.sha256Of(key), key, "test.agent", lines);
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
        return r.output() == null ? "null" : r.output().toString();
    }
}
