package dev.agentplan.runtime;

import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates a worker that runs agent plans: the interpreter workflow ({@value InterpreterWorkflow#TYPE}),
 * the tool activity (a dynamic activity: activity type = tool kind name) and the
 * {@value ResolveActivity#TYPE} activity for child runs.
 *
 * <p>A run whose replay is non-deterministic (the interpreter changed incompatibly under it) fails
 * instead of retrying its workflow task forever. Interpreter changes that alter the commands a
 * run issues must be guarded with {@code Workflow.getVersion} (see {@link InterpreterWorkflowImpl}).
 */
public final class AgentWorker {

    public static final String DEFAULT_TASK_QUEUE = "agentplan";

    private AgentWorker() {
    }

    /**
     * What a worker needs.
     *
     * @param taskQueue the queue to poll ({@link #DEFAULT_TASK_QUEUE} when null)
     * @param nonSticky true for workers of the standalone Java test server, which never expires a
     *     dead worker's sticky queue (a restarted worker would otherwise never see its runs again)
     * @param decoder canonical JSON to model ({@link JsonPlanDecoder} when null)
     * @param kinds the tool kinds this worker has, by name (activity options come from them)
     * @param toolActivity the dynamic activity that performs tool calls
     * @param resolver finds child runs' definitions; null when this worker cannot start child runs
     */
    public record Config(String taskQueue, boolean nonSticky, PlanDecoder decoder, Function<String, ToolKind> kinds,
                         Object toolActivity, DefinitionResolver resolver) {

        public Config {
            taskQueue = taskQueue == null ? DEFAULT_TASK_QUEUE : taskQueue;
            decoder = decoder == null ? new JsonPlanDecoder() : decoder;
            Objects.requireNonNull(kinds, "kinds");
            Objects.requireNonNull(toolActivity, "toolActivity");
            resolver = resolver == null ? (agent, ref) -> null : resolver;
        }

        /** A worker with the given tools (use {@code new ToolActivity()} for built-ins plus discovered plugins). */
        public static Config of(String taskQueue, boolean nonSticky, PlanDecoder decoder, ToolActivity tools,
                                DefinitionResolver resolver) {
            return new Config(taskQueue, nonSticky, decoder, kindsOf(tools.registry()), tools, resolver);
        }
    }

    /** The kinds of a registry, by name (null for a kind it does not have). */
    public static Function<String, ToolKind> kindsOf(ToolRegistry registry) {
        return name -> {
            Tool tool = registry.get(name);
            return tool == null ? null : tool.kind();
        };
    }

    static final long DEADLOCK_DETECTION_MS = 10_000;

    /** Creates and registers the worker; the caller starts the factory. */
    public static Worker create(WorkerFactory factory, Config config) {
        // The interpreter never blocks a workflow thread; a cold JVM on a busy machine can still take
        // over Temporal's 1 s default loading classes, which would fail workflow tasks for nothing.
        WorkerOptions.Builder options = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MS);
        if (config.nonSticky()) {
            options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
        Worker worker = factory.newWorker(config.taskQueue(), options.build());
        WorkflowImplementationOptions workflowOptions = WorkflowImplementationOptions.newBuilder()
                .setFailWorkflowExceptionTypes(NonDeterministicException.class)
                .build();
        PlanDecoder decoder = config.decoder();
        Function<String, ToolKind> kinds = config.kinds();
        worker.registerWorkflowImplementationFactory(InterpreterWorkflow.class,
                () -> new InterpreterWorkflowImpl(decoder, kinds), workflowOptions);
        worker.registerActivitiesImplementations(config.toolActivity(), new ResolveActivityImpl(config.resolver()));
        return worker;
    }
}
