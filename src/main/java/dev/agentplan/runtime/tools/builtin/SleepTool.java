package dev.agentplan.runtime.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.ToolKind;
import dev.agentplan.runtime.tools.Arguments;
import dev.agentplan.runtime.tools.Tool;
import dev.agentplan.runtime.tools.ToolContext;
import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.ToolJson;
import dev.agentplan.runtime.tools.ToolResult;
import java.time.Duration;

/**
 * {@code sleep}: waits {@code duration} inside the activity, heartbeating about every second; a
 * cancelled call stops at its next heartbeat.
 */
public final class SleepTool implements Tool {

    private static final long BEAT_MILLIS = 1000;

    @Override
    public ToolKind kind() {
        return BuiltinToolKinds.SLEEP;
    }

    @Override
    public ToolResult invoke(JsonNode arguments, ToolContext context) throws ToolFailure, InterruptedException {
        Arguments args = new Arguments(kind().name(), arguments);
        Duration duration = duration(args);
        long total = duration.toMillis();
        long start = System.nanoTime();
        long elapsed = 0;
        while (elapsed < total) {
            ObjectNode progress = ToolJson.object();
            progress.put("slept_ms", elapsed);
            context.heartbeat(progress);
            Thread.sleep(Math.min(BEAT_MILLIS, total - elapsed));
            elapsed = (System.nanoTime() - start) / 1_000_000;
        }
        ObjectNode result = ToolJson.object();
        result.put("slept_ms", total);
        return ToolResult.of(result);
    }

    private static Duration duration(Arguments args) throws ToolFailure {
        JsonNode value = args.get("duration");
        if (value == null) {
            throw args.invalid("needs the argument 'duration'");
        }
        if (value.isNumber()) {
            return Duration.ofMillis(Math.round(value.asDouble() * 1000));
        }
        Duration parsed = value.isTextual() ? DurationText.parse(value.textValue().strip()).duration() : null;
        if (parsed == null) {
            throw args.invalid("argument 'duration' must be a duration such as \"2s\" or \"1m30s\"");
        }
        return parsed;
    }
}
