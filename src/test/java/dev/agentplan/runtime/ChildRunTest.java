package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Exprs.template;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.catching;
import static dev.agentplan.runtime.Plans.input;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.runAgent;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.tryCatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ValueType;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code run agent@ref(…)}: child runs of the same interpreter, resolved through agentplan.resolve. */
class ChildRunTest extends InterpreterTestBase {

    @BeforeAll
    void deploy() {
        AgentDefinition research = plan("research", List.of(call("r", "echo", "about", path("input.topic"))),
                map("summary", template(str("about "), path("r.about"))));
        DEPLOYED.put("research@prod", pin(new AgentDefinition("research", null,
                List.of(input("topic", ValueType.STRING, null)), null, research.tools(), null, research.steps(),
                research.output(), research.span()), 3));
        DEPLOYED.put("broken@latest", pin(plan("broken", List.of(
                call(null, "flaky", "times", num(9), "error", str("HttpError"), "retryable", bool(false))), map()), 1));
    }

    @Test
    void aChildRunsAsAChildWorkflowAndItsOutputIsBound() {
        WorkflowStub stub = start(pin(plan("parent", List.of(
                runAgent("report", "research", "prod", "topic", str("checkout"))),
                map("report", path("report")))), null);
        RunResult r = stub.getResult(RunResult.class);
        assertEquals("{\"report\":{\"summary\":\"about checkout\"}}", out(r), String.valueOf(r.error()));
        assertEquals(1, TOOLS.calls.size());
        assertEquals(stub.getExecution().getWorkflowId() + "/1", TOOLS.calls.get(0).runId(), "the child's own workflow id");
        RunStatus child = client.newUntypedWorkflowStub(stub.getExecution().getWorkflowId() + "/1")
                .query(InterpreterWorkflow.STATUS, RunStatus.class);
        assertEquals("research", child.agent());
        assertEquals(3, child.version());
        assertEquals(RunState.COMPLETED, child.state());
        assertEquals(IdempotencyKeys.derive(stub.getExecution().getWorkflowId() + "/1", stub.getExecution().getRunId(),
                "1", ""), TOOLS.calls.get(0).idempotencyKey(),
                "the child's keys derive from its parent's key seed, so a restarted lost parent's child sends its old keys");
    }

    @Test
    void aChildsFailureKeepsItsTypeAndIsCatchable() {
        RunResult r = run(plan("parent2", List.of(
                tryCatch(List.of(runAgent("x", "broken", null)),
                        List.of(catching(List.of("HttpError"), "e", set("caught", path("e.message")))), List.of())),
                map("caught", path("caught"))));
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertTrue(r.output().get("caught").asText().startsWith("child run broken failed: tool 'flaky' failed"),
                r.output().toString());
    }

    @Test
    void unknownAgentsAndBadInputsFailTheStep() {
        RunResult missing = run(plan("parent3", List.of(runAgent("x", "nosuch", "2")), map()));
        assertEquals("AgentNotFound", missing.error().type());
        assertTrue(missing.error().message().contains("no deployed agent nosuch@2"), missing.error().message());

        RunResult bad = run(plan("parent4", List.of(runAgent("x", "research", "prod", "topic", num(5))), map()));
        assertEquals("InvalidInput", bad.error().type());
        assertEquals("1", bad.error().step());
        assertTrue(bad.error().message().contains("input 'topic' must be a string, got number"), bad.error().message());
    }
}
