package dev.agentplan.durability;

import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.DefinitionResolver;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.Map;

/** Production workers ({@link AgentWorker#create}) with exactly the built-in tools. */
final class DurabilityWorkers {

    private DurabilityWorkers() {
    }

    static ToolActivity builtinTools() {
        return builtinTools(Map.of());
    }

    /** The built-in tools with a worker configuration (an llm.chat endpoint, say). */
    static ToolActivity builtinTools(Map<String, String> config) {
        return new ToolActivity(ToolRegistry.of(BuiltinTools.create()), WorkerConfig.of(config));
    }

    static Worker create(WorkerFactory factory, String queue, boolean nonSticky, DefinitionResolver resolver,
                         Map<String, String> config) {
        return AgentWorker.create(factory, AgentWorker.Config.of(queue, nonSticky, null, builtinTools(config), resolver));
    }

    /** A worker as {@code agentplan worker} registers it: the interpreter, the tool activity and resolve. */
    static Worker create(WorkerFactory factory, String queue, boolean nonSticky, DefinitionResolver resolver) {
        return AgentWorker.create(factory, AgentWorker.Config.of(queue, nonSticky, null, builtinTools(), resolver));
    }
}
