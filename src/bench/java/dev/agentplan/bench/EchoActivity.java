package dev.agentplan.bench;

import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolCallResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A typed view of the {@code echo} tool for hand-written workflows. There is no implementation:
 * the activity type is {@code echo}, so the worker's dynamic {@code ToolActivity} runs it, exactly
 * as it runs the interpreter's calls.
 */
@ActivityInterface
public interface EchoActivity {

    @ActivityMethod(name = "echo")
    ToolCallResult echo(ToolCallRequest request);
}
