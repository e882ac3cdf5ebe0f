package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;

/** {@code echo}: returns its arguments. */
public final class EchoTool implements Tool {

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.ECHO;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) {
        return ToolResult.of(arguments == null || arguments.isNull() ? ToolJson.object() : arguments.deepCopy());
    }
}
