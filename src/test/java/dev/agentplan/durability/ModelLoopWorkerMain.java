package dev.agentplan.durability;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.util.Map;

/**
 * The worker process of {@link ModelLoopCrashIT}: the production worker with the built-in tools,
 * its {@code llm.chat} pointed at a scripted model server, non-sticky (the Java test server never
 * expires a dead worker's sticky queue). Prints {@value CrashWorkerMain#READY} once it polls.
 *
 * <p>Usage: {@code ModelLoopWorkerMain HOST:PORT QUEUE LLM_BASE_URL}
 */
public final class ModelLoopWorkerMain {

    private ModelLoopWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), WorkerConfig.of(Map.of(
                "AGENTPLAN_LLM_BASE_URL", args[2], "AGENTPLAN_LLM_MODEL", "scripted-model")));
        AgentWorker.create(factory, AgentWorker.Config.of(args[1], true, null, tools, null));
        factory.start();
        System.out.println(CrashWorkerMain.READY + " (pid " + ProcessHandle.current().pid() + ", model loop)");
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }
}
