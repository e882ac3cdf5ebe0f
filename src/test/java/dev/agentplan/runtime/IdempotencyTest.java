package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.list;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Exprs.template;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.forEach;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.tools.ToolCallRequest;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every tool call carries a key that is stable across retries and replays and distinct per iteration and run. */
class IdempotencyTest extends InterpreterTestBase {

    private static String expected(WorkflowStub stub, String path, String iterations) {
        String wf = stub.getExecution().getWorkflowId();
        String run = stub.getExecution().getRunId(); // the first run of the chain
        return Sha256.of(wf + "|" + run + "|" + path + "|" + iterations);
    }

    @Test
    void keysDeriveFromRunStepAndIteration() {
        PinnedDefinition p = pin(plan("keys", List.of(
                forEach("i", list(num(0), num(1)), null,
                        forEach("j", list(str("a"), str("b")), null, call(null, "echo", "i", path("i"), "j", path("j"))))),
                map()));
        WorkflowStub stub = start(p, null);
        stub.getResult(RunResult.class);
        List<String> keys = TOOLS.calls.stream().map(ToolCallRequest::idempotencyKey).toList();
        assertEquals(List.of(
                expected(stub, "1/body/1/body/1", "1=0,1/body/1=0"),
                expected(stub, "1/body/1/body/1", "1=0,1/body/1=1"),
                expected(stub, "1/body/1/body/1", "1=1,1/body/1=0"),
                expected(stub, "1/body/1/body/1", "1=1,1/body/1=1")), keys);
        assertEquals(stub.getExecution().getWorkflowId(), TOOLS.calls.get(0).runId());

        TOOLS.reset();
        WorkflowStub again = start(p, null);
        again.getResult(RunResult.class);
        Set<String> second = TOOLS.calls.stream().map(ToolCallRequest::idempotencyKey).collect(Collectors.toSet());
        assertEquals(4, second.size());
        second.retainAll(keys);
        assertEquals(Set.of(), second, "another run has other keys");
    }

    @Test
    void retriesKeepTheKey() {
        WorkflowStub stub = start(pin(plan("retry", List.of(call(null, "flaky", "times", num(2))), map())), null);
        stub.getResult(RunResult.class);
        assertEquals(3, TOOLS.calls.size());
        assertEquals(1, TOOLS.calls.stream().map(ToolCallRequest::idempotencyKey).distinct().count());
        assertEquals(expected(stub, "1", ""), TOOLS.calls.get(0).idempotencyKey());
    }

    @Test
    void anExplicitKeyOverridesTheDerivedOne() {
        run(pin(plan("explicit", List.of(
                withKey(call(null, "echo", "x", num(1)), template(str("ticket-"), path("input.id")))), map())),
                json("{}"));
        // No inputs are declared, so input.id is null: the template still renders deterministically.
        assertEquals("ticket-null", TOOLS.calls.get(0).idempotencyKey());
        TOOLS.reset();
        run(pin(plan("explicit2", List.of(withKey(call(null, "echo", "x", num(1)), str("fixed-key"))), map())), null);
        assertEquals("fixed-key", TOOLS.calls.get(0).idempotencyKey());
        assertNotEquals("", TOOLS.calls.get(0).stepPath());
    }

    @Test
    void aKeySeedReplacesTheFirstRunIdAndSurvivesContinueAsNew() {
        PinnedDefinition p = pin(plan("seeded", List.of(
                forEach("i", list(num(0), num(1), num(2), num(3), num(4), num(5)), null,
                        call(null, "echo", "i", path("i")))), map()));
        String workflowId = newId();
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
        stub.start(new RunRequest(p, null, null, 12, "the-old-first-run-id"));
        stub.getResult(RunResult.class);
        List<String> keys = TOOLS.calls.stream().map(ToolCallRequest::idempotencyKey).toList();
        assertEquals(6, keys.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(IdempotencyKeys.derive(workflowId, "the-old-first-run-id", "1/body/1", "1=" + i), keys.get(i),
                    "call " + i + " (after continue-as-new too)");
        }
        assertNotEquals("", client.fetchHistory(workflowId).getEvents().get(0)
                .getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId(),
                "the run continued as new at least once");
    }
}
