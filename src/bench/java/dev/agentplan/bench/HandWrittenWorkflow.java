package dev.agentplan.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The hand-written Temporal workflow the interpreter is measured against. */
@WorkflowInterface
public interface HandWrittenWorkflow {

    String TYPE = "HandWrittenBench";

    @WorkflowMethod(name = TYPE)
    HandWrittenResult run(HandWrittenRequest request);
}
