package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker as a product sets it up: default queue, production decoder, built-in tools, non-sticky. */
class AgentWorkerTest {

    private static final String PLAN = """
            agent hello "Says hello"
            input { who: string = "world" }
            tools { say = echo }
            greeting = say(text: "hello ${input.who}")
            output { text: greeting.text }
            """;

    @Test
    void aDefaultWorkerRunsAPlan() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), WorkerConfig.of(Map.of()));
            Worker worker = AgentWorker.create(env.getWorkerFactory(), AgentWorker.Config.of(null, true, null, tools, null));
            assertEquals(AgentWorker.DEFAULT_TASK_QUEUE, worker.getTaskQueue());
            env.start();

            WorkflowStub ok = env.getWorkflowClient().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                    WorkflowOptions.newBuilder().setTaskQueue(AgentWorker.DEFAULT_TASK_QUEUE).setWorkflowId("hello-1").build());
            ok.start(new RunRequest(AgentTextTest.deploy("hello.agent", PLAN), null, null));
            RunResult r = ok.getResult(RunResult.class);
            assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
            assertEquals("hello world", r.output().get("text").asText());

            PinnedDefinition garbage = new PinnedDefinition("broken", 2, "0", "{not json", "broken.agent", Map.of());
            WorkflowStub bad = env.getWorkflowClient().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                    WorkflowOptions.newBuilder().setTaskQueue(AgentWorker.DEFAULT_TASK_QUEUE).setWorkflowId("hello-2").build());
            bad.start(new RunRequest(garbage, null, null));
            RunResult failed = bad.getResult(RunResult.class);
            assertEquals(RunState.FAILED, failed.status());
            assertEquals("InvalidDefinition", failed.error().type());
            assertTrue(failed.error().message().startsWith("the pinned definition of broken cannot be decoded: broken@2.json:"),
                    failed.error().message());
        }
    }
}
