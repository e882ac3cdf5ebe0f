package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.runtime.api.CancelRequest;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IgnoredSignal;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.eval.Values;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Temporal's payload limit (2 MiB) on everything the interpreter hands to Temporal: inputs,
 * tool arguments, child-run inputs, the state carried across continue-as-new, the output,
 * signals and decisions. The Java test server enforces none of it, a real server fails the
 * workflow task for ever: each case must end as a clear {@code PayloadTooLarge} (or a refusal).
 */
class PayloadLimitsTest extends InterpreterTestBase {

    /** Just under the expression string limit: three of them are over the payload limit. */
    private static final String NEAR_MEGABYTE = "z".repeat(1_000_000);

    @Override
    protected boolean timeSkipping() {
        return false; // these runs talk to waiting runs
    }

    private static ObjectNode inputs(String name, String value) {
        ObjectNode o = Values.NODES.objectNode();
        o.put(name, value);
        return o;
    }

    private static RunResult result(WorkflowStub stub) throws Exception {
        return stub.getResult(60, TimeUnit.SECONDS, RunResult.class);
    }

    private static void assertTooLarge(RunResult r, String step, String line, String what) {
        assertEquals(RunState.FAILED, r.status(), "output " + r.output());
        assertEquals("PayloadTooLarge", r.error().type(), r.error().toString());
        assertEquals(step, r.error().step());
        assertEquals(line, r.error().line());
        assertTrue(r.error().message().contains(what + " is "), r.error().message());
        assertTrue(r.error().message().contains("over Temporal's limit of 2 MiB for one payload"),
                r.error().message());
    }

    @Test
    void threeMegabytesOfInputsAreRefusedAtTheStart() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("takes.agent", """
                agent takes "takes a big input"
                input { s: string }
                output { n: length(input.s) }
                """);
        RunResult r = result(start(p, inputs("s", "q".repeat(3_000_000))));
        assertTooLarge(r, "input", "", "the run's inputs");
    }

    @Test
    void toolArgumentsOverTheLimitFailTheCallBeforeItIsScheduled() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("args.agent", """
                agent args "sends a big argument"
                input { s: string }
                tools { say = echo { timeout 10s } }
                r = say(a: input.s, b: input.s, c: input.s)
                output { ok: true }
                """);
        RunResult r = result(start(p, inputs("s", NEAR_MEGABYTE)));
        assertTooLarge(r, "1", "args.agent:4", "the arguments of tool 'say'");
        assertTrue(TOOLS.calls.isEmpty(), "nothing was scheduled");
    }

    @Test
    void childRunInputsOverTheLimitFailTheStep() throws Exception {
        DEPLOYED.put("kid@latest", AgentTextTest.deploy("kid.agent", """
                agent kid "a child"
                input { a: string  b: string  c: string }
                output { ok: true }
                """));
        PinnedDefinition p = AgentTextTest.deploy("parent.agent", """
                agent parent "starts a child with big inputs"
                input { s: string }
                k = run kid(a: input.s, b: input.s, c: input.s)
                output { ok: k.ok }
                """);
        RunResult r = result(start(p, inputs("s", NEAR_MEGABYTE)));
        assertTooLarge(r, "1", "parent.agent:3", "the start request of child run kid (its inputs and definition)");
    }

    @Test
    void stateTooBigToContinueAsNewFailsNamingTheLargestVariables() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("carry.agent", """
                agent carry "holds big values across continue-as-new"
                input { s: string }
                tools { say = echo { timeout 10s } }
                set a = input.s
                set b = input.s + "b"
                for each i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] {
                  r = say(i: i)
                }
                output { n: r.i }
                """);
        RunResult r = result(start(p, inputs("s", NEAR_MEGABYTE), 15));
        assertEquals(RunState.FAILED, r.status(), "output " + r.output());
        assertEquals("PayloadTooLarge", r.error().type(), r.error().toString());
        assertEquals("3", r.error().step());
        assertEquals("carry.agent:6", r.error().line());
        assertTrue(r.error().message().contains("the state this run carries into its next segment (continue-as-new) is "),
                r.error().message());
        assertTrue(r.error().message().contains("the largest variables: b (977 KiB (1000031 bytes)), a (977 KiB (1000030 bytes)), r (33 bytes)"),
                r.error().message());
    }

    @Test
    void anOutputOverTheLimitFailsTheRun() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("out.agent", """
                agent out "returns too much"
                input { s: string }
                output { a: input.s, b: input.s, c: input.s }
                """);
        RunResult r = result(start(p, inputs("s", NEAR_MEGABYTE)));
        assertTooLarge(r, "output", "", "the run's output");
    }

    @Test
    void aSignalOverTheLimitIsIgnoredAndRecorded() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("waits.agent", """
                agent waits "takes a signal"
                v = await signal "data" { timeout 1h  on_timeout fail }
                output { v: v }
                """);
        WorkflowStub stub = start(p, null);
        JsonNode big = Values.NODES.textNode("s".repeat(2_200_000));
        typed(stub).signal("data", big);
        typed(stub).signal("data", Values.NODES.textNode("small"));
        RunResult r = result(stub);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("small", r.output().get("v").asText());
        IgnoredSignal ignored = status(stub).ignoredSignals().get(0);
        assertEquals("signal data", ignored.signal());
        assertTrue(ignored.reason().startsWith("its payload is 2.1 MiB (2200031 bytes)"), ignored.reason());
    }

    @Test
    void aDecisionOverItsLimitIsRefused() throws Exception {
        PinnedDefinition p = AgentTextTest.deploy("gate.agent", """
                agent gate "asks"
                approve ok { ask "go?"  timeout 1h }
                output { ok: ok.approved }
                """);
        WorkflowStub stub = start(p, null);
        awaitStatus(stub, s -> !s.pendingApprovals().isEmpty());
        String why = refusal(stub, InterpreterWorkflow.DECIDE, new GateDecision("ok", true, "ann", "c".repeat(70_000)));
        assertTrue(why.contains("the decision is 68 KiB (70"), why);
        assertTrue(why.contains("over the limit of 8 KiB for a decision"), why);
        String cancel = refusal(stub, InterpreterWorkflow.CANCEL, new CancelRequest("ann", "r".repeat(20_000)));
        assertTrue(cancel.contains("the cancel request is 20 KiB (20052 bytes), over the limit of 8 KiB"), cancel);
        update(stub, InterpreterWorkflow.DECIDE, String.class, new GateDecision("ok", true, "ann", "fine"));
        assertEquals(true, result(stub).output().get("ok").asBoolean());
    }
}
