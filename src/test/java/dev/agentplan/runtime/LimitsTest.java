package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memory bombs of issue 14, written as plans and run on the real interpreter: each ends as a
 * typed {@code LimitExceeded} failure naming the step and its line, and a plan can catch it.
 */
class LimitsTest extends InterpreterTestBase {

    static final String DOUBLING = """
            agent doubling "doubles a string forty times"
            set s = "x"
            while length(s) > 0 max 40 {
              set s = s + s
            }
            output { n: length(s) }
            """;

    static final String BIG_NUMBER = """
            agent big_number "formats a number with a billion digits"
            set n = fromJson("1e1000000000")
            set t = "n is ${n}"
            output { t: t }
            """;

    static final String CAUGHT = """
            agent caught "catches the limit and goes on"
            try {
              set n = fromJson("%s1%s")
            } catch LimitExceeded as err {
              set n = err.type
            }
            output { n: n }
            """.formatted("[".repeat(70), "]".repeat(70));

    static final String BIG_INPUT_NUMBER = """
            agent input_number "prints a huge number it was given"
            input { n: number }
            set t = "n is ${input.n}"
            output { t: t }
            """;

    private static RunResult runText(String file, String text, String inputs) throws Exception {
        // Values.fromJson keeps 1e1000000000 exact (a plain mapper would read it as a double)
        return start(AgentTextTest.deploy(file, text), inputs == null ? null : dev.agentplan.runtime.eval.Values.fromJson(inputs))
                .getResult(60, TimeUnit.SECONDS, RunResult.class);
    }

    @Test
    void aStringDoubledFortyTimesFailsWithLimitExceededAtItsLine() throws Exception {
        RunResult r = runText("doubling.agent", DOUBLING, null);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("LimitExceeded", r.error().type(), r.error().toString());
        assertEquals("doubling.agent:4", r.error().line());
        assertEquals("2/body/1", r.error().step());
        assertTrue(r.error().message().startsWith("doubling.agent:4: a string of 2097152 characters is over the limit"),
                r.error().message());
    }

    @Test
    void fromJsonOfAHugeNumberFailsWithLimitExceededBeforeFormatting() throws Exception {
        RunResult r = runText("big_number.agent", BIG_NUMBER, null);
        assertEquals(RunState.FAILED, r.status());
        assertEquals("LimitExceeded", r.error().type(), r.error().toString());
        assertEquals("big_number.agent:2", r.error().line());
        assertTrue(r.error().message().contains("the number 1E+1000000000 is out of range"), r.error().message());
    }

    @Test
    void aHugeNumberGivenAsInputFailsWhereItIsFormatted() throws Exception {
        RunResult r = runText("input_number.agent", BIG_INPUT_NUMBER, "{\"n\": 1e1000000000}");
        assertEquals(RunState.FAILED, r.status(), String.valueOf(r.error()));
        assertEquals("LimitExceeded", r.error().type(), r.error().toString());
        assertEquals("input_number.agent:3", r.error().line());
    }

    static final String GATHER = """
            agent gather "gathers big values from parallel iterations"
            input { s: string }
            for each i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] parallel 5 {
              set big = "${input.s}${i}"
            }
            output { n: length(big) }
            """;

    @Test
    void valuesGatheredFromParallelIterationsAreBoundedLikeAnyList() throws Exception {
        String s = "g".repeat(100_000);
        RunResult r = runText("gather.agent", GATHER, "{\"s\": \"" + s + "\"}");
        assertEquals(RunState.FAILED, r.status(), "error " + r.error());
        assertEquals("LimitExceeded", r.error().type(), r.error().toString());
        assertEquals("gather.agent:3", r.error().line());
        assertTrue(r.error().message().contains("the values of 'big' from the iterations of this parallel for each add up"
                + " to more than 1 MiB"), r.error().message());
        RunResult small = runText("gather.agent", GATHER, "{\"s\": \"g\"}");
        assertEquals("{\"n\":20}", small.output().toString());
    }

    @Test
    void aFailureInAParallelForEachWithIterationsStillQueuedFailsTheRunNotCancelsIt() throws Exception {
        WorkflowStub stub = start(AgentTextTest.deploy("queued.agent", """
                agent queued "fails in the third of twenty iterations, five at a time"
                tools { boom = fail { timeout 10s  retry { attempts 1 } }  nap = sleep { timeout 10s } }
                for each i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] parallel 5 {
                  z = nap(duration: "200ms")
                  if i == 3 {
                    x = boom(times: 1, error: "Kaput", retryable: false)
                  }
                }
                output { ok: true }
                """), null);
        RunResult r = stub.getResult(60, TimeUnit.SECONDS, RunResult.class);
        assertEquals(RunState.FAILED, r.status(), "error " + r.error());
        assertEquals("Kaput", r.error().type(), r.error().toString());
        // the new path (behind Workflow.getVersion) replays
        WorkerFactory factory = WorkerFactory.newInstance(client);
        try {
            Worker worker = AgentWorker.create(factory, new AgentWorker.Config("replay", false, new JsonPlanDecoder(),
                    AgentWorker.kindsOf(TOOLS.registry()), TOOLS, null));
            WorkflowReplayer.replayWorkflowExecution(env.getWorkflowExecutionHistory(stub.getExecution()), worker);
        } finally {
            factory.shutdownNow();
        }
    }

    @Test
    void limitExceededIsCatchable() throws Exception {
        RunResult r = runText("caught.agent", CAUGHT, null);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        assertEquals("LimitExceeded", r.output().get("n").asText());
    }
}
