package dev.agentplan.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplan.model.ToolKind;

/**
 * A tool kind a worker can run: the SPI users implement to add tools. Implementations are found
 * with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.agentplan.runtime.tools.Tool}), so adding a jar to the worker's
 * classpath adds its tools. Each call runs as a Temporal activity whose type is {@code kind().name()}.
 */
public interface Tool {

    /** The kind's name, arguments and defaults; validation and the activity options use it. */
    ToolKind kind();

    /**
     * Performs one attempt of a call. Throw {@link ToolFailure} for failures the plan should see
     * with a type (retryable or not); any other exception is a retryable {@code ToolError}.
     */
    ToolResult invoke(JsonNode arguments, ToolContext context) throws Exception;
}
