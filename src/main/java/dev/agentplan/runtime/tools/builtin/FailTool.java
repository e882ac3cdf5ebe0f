package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;

/**
 * {@code fail}: fails attempts 1..{@code times} (default 1) with type {@code error} (default
 * {@code Flaky}), then returns {@code result}. It counts Temporal's attempt number, so it shows
 * retry policies at work without any state of its own.
 */
public final class FailTool implements Tool {

    public static final String DEFAULT_ERROR = "Flaky";

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.FAIL;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) throws ToolFailure {
        Arguments args = new Arguments(kind().name(), arguments);
        JsonNode timesArg = args.number("times");
        long times = timesArg == null ? 1 : timesArg.asLong();
        String error = args.string("error", DEFAULT_ERROR);
        boolean retryable = args.bool("retryable", true);
        int attempt = context.attempt();
        if (attempt <= times) {
            String message = args.string("message", "failing on purpose (attempt " + attempt + " of " + times + " failing)");
            ObjectNode details = ToolJson.object();
            details.put("attempt", attempt);
            details.put("times", times);
            throw new ToolFailure(error, message, retryable, null, details);
        }
        JsonNode result = args.get("result");
        return ToolResult.of(result == null ? NullNode.getInstance() : result.deepCopy());
    }
}
