package dev.agentplan.runtime.tools;

import dev.agentplan.model.BuiltinToolKinds;
import dev.agentplan.model.ToolPolicy;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public class ToolCallsWorkflowImpl implements ToolCallsWorkflow {

    @Override
    public List<ToolCallResult> run(List<ToolCallRequest> requests, ToolPolicy policy) {
        List<ToolCallResult> results = new ArrayList<>();
        for (ToolCallRequest request : requests) {
            ActivityStub stub = Workflow.newUntypedActivityStub(
                    ToolActivityOptions.from(BuiltinToolKinds.byName(request.kind()), policy));
            results.add(stub.execute(request.kind(), ToolCallResult.class, request));
        }
        return results;
    }
}
