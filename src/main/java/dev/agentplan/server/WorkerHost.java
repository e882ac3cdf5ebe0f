package dev.agentplan.server;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.DefinitionResolver;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;

/**
 * A running agentplan worker: the interpreter workflow, the tool activity (built-in tools plus
 * plugins, configured from system properties and the environment) and the child-run resolver,
 * polling one task queue.
 *
 * <p>Sticky or not: a sticky worker keeps each run's workflow state cached and gets its next
 * workflow task on a per-worker queue, which saves replaying the history every task. The server
 * moves a run back to the normal queue when that worker dies, but only by expiring the sticky
 * queue, or on {@code ResetStickyTaskQueue}; Temporal's Java test server does neither, so a run
 * whose sticky worker died would never be picked up again. Hence:
 * <ul>
 *   <li>the in-process worker of {@code agentplan server} and of the embedded server of
 *       {@code agentplan run FILE}: sticky, it lives and dies with the server in the same process,
 *       so it cannot strand a run (non-sticky, every workflow task replays the whole segment:
 *       measured 40 ms a call against 2 to 4 ms, see {@code agentplan bench per-call});</li>
 *   <li>{@code agentplan worker} joining the test server from another process: {@code --non-sticky}
 *       (it may die while the server lives);</li>
 *   <li>{@code agentplan worker} against a real cluster: sticky by default.</li>
 * </ul>
 */
public final class WorkerHost implements AutoCloseable {

    private final WorkerFactory factory;
    private final String taskQueue;
    private final ToolActivity tools;

    private WorkerHost(WorkerFactory factory, String taskQueue, ToolActivity tools) {
        this.factory = factory;
        this.taskQueue = taskQueue;
        this.tools = tools;
    }

    public static WorkerHost start(Connection connection, String taskQueue, boolean nonSticky,
                                   DefinitionResolver resolver) {
        WorkerFactory factory = WorkerFactory.newInstance(connection.client());
        ToolActivity tools = new ToolActivity();
        AgentWorker.Config config = AgentWorker.Config.of(taskQueue, nonSticky, null, tools, resolver);
        AgentWorker.create(factory, config);
        factory.start();
        return new WorkerHost(factory, config.taskQueue(), tools);
    }

    public String taskQueue() {
        return taskQueue;
    }

    @Override
    public void close() {
        factory.shutdownNow();
        factory.awaitTermination(3, TimeUnit.SECONDS);
        tools.registry().close(); // MCP sessions: stdio servers end with the worker
    }
}
