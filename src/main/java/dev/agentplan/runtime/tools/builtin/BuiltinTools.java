package dev.agentplan.runtime.tools.builtin;

import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.mcp.McpTool;
import java.util.List;

/** The tools every worker has (their kinds are {@link dev.agentplan.model.BuiltinToolKinds}). */
public final class BuiltinTools {

    private BuiltinTools() {
    }

    public static List<Tool> create() {
        return List.of(new HttpTool(), new ExecTool(), new LlmChatTool(), new EchoTool(), new FailTool(), new SleepTool(),
                new McpTool());
    }

    /** Built-ins plus the tools on the thread's context class loader. */
    public static ToolRegistry withDiscoveredTools() {
        return withDiscoveredTools(Thread.currentThread().getContextClassLoader());
    }

    /** Built-ins plus the tools {@code loader} provides through {@code META-INF/services}. */
    public static ToolRegistry withDiscoveredTools(ClassLoader loader) {
        return ToolRegistry.withDiscoveredTools(create(), loader);
    }
}
