package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.Pins;
import dev.agentplan.server.RunClient;
import dev.agentplan.syntax.PlanText;
import io.temporal.client.WorkflowOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Following a run that continues as new many times, on the stack {@code agentplan server} runs:
 * the follow returns with the result, and every ended step is either shown or counted in a
 * summary line (the run's step log is bounded; many steps can end between two polls).
 */
class RunFollowerSegmentsTest {

    static final String LOOP = """
            agent many "a loop of calls over many segments"
            input { n: number }
            tools { say = echo { timeout 10s } }
            set i = 0
            while i < input.n max 100000 {
              r = say(text: "call ${i}")
              set i = i + 1
            }
            output { count: i }
            """;

    @Test
    void aFollowOfAManySegmentRunReturnsAndAccountsForEveryStep() {
        AgentDefinition plan = PlanText.parse("many.agent", LOOP).definition();
        PinnedDefinition pinned = Pins.ofFile("many.agent", plan);
        try (LocalStack stack = LocalStack.start(0, "follow-segments", false, (agent, ref) -> null)) {
            RunClient client = new RunClient(stack.connection());
            WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId("follow-many")
                    .setTaskQueue(stack.taskQueue()).build();
            // a small continue-as-new threshold: about 15 calls a segment, so 150 calls make ~10 segments
            stack.connection().client().newUntypedWorkflowStub(InterpreterWorkflow.TYPE, options)
                    .start(new RunRequest(pinned, new ObjectMapper().createObjectNode().put("n", 150), null, 100));
            StringWriter err = new StringWriter();
            Terminal term = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err, true), false);
            // polls 2 s apart: far more than the step log keeps end between two of them
            RunFollower follower = new RunFollower(client, "follow-many", new StepTitles(plan), term, null, "", 2000);
            RunResult result = assertTimeoutPreemptively(Duration.ofSeconds(120), follower::follow, err::toString);

            assertEquals(RunState.COMPLETED, result.status(), err.toString());
            assertEquals(150, result.output().get("count").asInt());
            assertTrue(result.counts().segments() >= 5, "segments: " + result.counts().segments());
            long shown = err.toString().lines().filter(l -> l.startsWith("✔") || l.startsWith("✖")).count();
            long logged = client.status("follow-many").stepsLogged();
            assertEquals(logged, shown + follower.summarised(), "every ended step is shown or counted:\n" + err);
            long said = err.toString().lines().filter(l -> l.startsWith("… "))
                    .mapToLong(l -> Long.parseLong(l.substring(2, l.indexOf(' ', 2)))).sum();
            assertEquals(follower.summarised(), said, "the summary lines say how many they stand for:\n" + err);
        }
    }
}
