package dev.agentplan.runtime.tools;

import dev.agentplan.model.ToolPolicy;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** Test-only workflow: calls tools one after another, the way the interpreter does. */
@WorkflowInterface
public interface ToolCallsWorkflow {

    @WorkflowMethod
    List<ToolCallResult> run(List<ToolCallRequest> requests, ToolPolicy policy);
}
