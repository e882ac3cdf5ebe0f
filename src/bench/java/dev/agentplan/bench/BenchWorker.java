package dev.agentplan.bench;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkflowImplementationOptions;

/**
 * One worker that runs both sides: the interpreter exactly as {@link AgentWorker} sets it up, and
 * the hand-written workflow with the same options, sharing one dynamic {@link ToolActivity}.
 */
public final class BenchWorker {

    public static final String QUEUE = "agentplan-bench";

    private BenchWorker() {
    }

    public static Worker register(WorkerFactory factory) {
        ToolActivity tools = new ToolActivity();
        Worker worker = AgentWorker.create(factory, AgentWorker.Config.of(QUEUE, false, PinnedPlans.decoder(), tools,
                null));
        worker.registerWorkflowImplementationTypes(WorkflowImplementationOptions.newBuilder()
                .setFailWorkflowExceptionTypes(NonDeterministicException.class).build(), HandWrittenWorkflowImpl.class);
        return worker;
    }
}
