package dev.agentplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.server.LocalStack;
import dev.agentplan.server.Pins;
import dev.agentplan.server.RunClient;
import dev.agentplan.syntax.PlanText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Following a run: live step lines, and approvals asked at the terminal (a scripted one here). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunFollowerTest {

    private LocalStack stack;

    @BeforeAll
    void start() {
        stack = LocalStack.start(0, "follow-test", false, (agent, ref) -> null);
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private record Followed(RunResult result, String err, List<String> prompts) {
    }

    private Followed follow(String runId, String... answers) throws InterruptedException {
        return follow(runId, new StringWriter(), answers);
    }

    private Followed follow(String runId, StringWriter err, String... answers) throws InterruptedException {
        var plan = PlanText.parse("gated.agent", TestPlans.gated(1)).definition();
        PinnedDefinition pinned = Pins.ofFile("gated.agent", plan);
        RunClient client = new RunClient(stack.connection());
        client.start(pinned, new ObjectMapper().createObjectNode().put("who", "Grace"), runId, stack.taskQueue());
        Queue<String> script = new ArrayDeque<>(List.of(answers));
        List<String> prompts = new ArrayList<>();
        ApprovalPrompt prompt = new ApprovalPrompt((format, args) -> {
            prompts.add(String.format(format, args));
            return script.poll();
        }, "carol");
        Terminal term = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err, true), false);
        RunResult result = new RunFollower(client, runId, new StepTitles(plan), term, prompt, " --address " + stack.address())
                .follow();
        return new Followed(result, err.toString(), prompts);
    }

    @Test
    void approvesAtTheTerminalAsAnAllowedApprover() throws Exception {
        Followed f = follow("follow-approve", "maybe", "y", "alice", "fine by me");
        assertEquals(RunState.COMPLETED, f.result().status(), f.err());
        assertEquals("v1 after the gate", f.result().output().get("second").asText());
        assertEquals(List.of("  approve proceed? [y/n, Enter to decide later]: ",
                "  approve proceed? [y/n, Enter to decide later]: ",
                "  decide as (one of alice, bob): ", "  comment (optional): "), f.prompts(), "asks again after 'maybe'");
        assertTrue(f.err().contains("▶ step 2/then/1 (gated.agent:7) approve proceed"), f.err());
        assertTrue(f.err().contains("⏸ step 2/then/1 (gated.agent:7) approval proceed: Go on for Grace?"), f.err());
        assertTrue(f.err().contains("approved proceed as alice"), f.err());
        assertTrue(f.err().contains("✔ step 3 (gated.agent:9) say echo"), f.err());
    }

    @Test
    void aRejectionAtTheTerminalFailsTheRun() throws Exception {
        Followed f = follow("follow-reject", "n", "bob", "");
        assertEquals(RunState.FAILED, f.result().status(), f.err());
        assertEquals("ApprovalRejected", f.result().error().type());
        assertTrue(f.err().contains("rejected proceed as bob"), f.err());
    }

    @Test
    void aRefusedDecisionFallsBackToAgentplanApprove() throws Exception {
        RunClient client = new RunClient(stack.connection());
        StringWriter err = new StringWriter();
        Thread approver = new Thread(() -> {
            // the terminal's answer is refused (not an allowed approver); someone allowed decides from elsewhere
            for (int i = 0; i < 600; i++) {
                try {
                    Thread.sleep(100);
                    if (err.toString().contains("waiting for a decision")) {
                        client.decide("follow-refused", new dev.agentplan.runtime.api.GateDecision("proceed", true, "bob", null));
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        approver.start();
        Followed f = follow("follow-refused", err, "y", "mallory", "");
        approver.join();
        assertEquals(RunState.COMPLETED, f.result().status(), f.err());
        assertTrue(f.err().contains("refused: 'mallory' may not decide approval gate 'proceed' (allowed: alice, bob)"), f.err());
        assertTrue(f.err().contains("waiting for a decision: agentplan approve follow-refused proceed --address "
                + stack.address()), f.err());
    }
}
