package dev.agentplan.runtime.tools.builtin;

import dev.agentplan.runtime.tools.Tool;
import java.util.List;

/** The tools every worker has (their kinds are {@link dev.agentplan.model.BuiltinToolKinds}). */
public final class BuiltinTools {

    private BuiltinTools() {
    }

    public static List<Tool> create() {
        return List.of(new HttpTool(), new ExecTool(), new LlmChatTool(), new EchoTool(), new FailTool(), new SleepTool(),
                new dev.agentplan.runtime.tools.mcp.McpTool());
    }
}
