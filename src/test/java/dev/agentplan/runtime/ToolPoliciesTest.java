package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.tools.RetryJitter;
import dev.agentplan.runtime.tools.activity.ToolActivity;
import dev.agentplan.runtime.tools.ToolCallRequest;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.WorkerConfig;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.EncodedValues;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tool policies Temporal enforces, on the real interpreter and Temporal's test server in real time
 * (no time skipping: the retry delays are what is measured): {@code schedule_to_start} on a queue no
 * worker polls, and {@code retry { jitter N% }}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolPoliciesTest {

    private static final String QUEUE = "policies-test";

    /** Each attempt of a call: when it started, and when it failed (-1 if it did not). */
    record Attempt(String key, int attempt, long startedAt, long failedAt) {
    }

    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private TestWorkflowEnvironment env;

    /** The real tool activity, with each attempt's timestamps recorded. */
    private final class TimedTools implements DynamicActivity {
        private final ToolActivity tools = new ToolActivity(ToolRegistry.of(BuiltinTools.create()), WorkerConfig.of(Map.of()));

        @Override
        public Object execute(EncodedValues args) {
            long startedAt = System.currentTimeMillis();
            ActivityInfo info = Activity.getExecutionContext().getInfo();
            String key = args.get(0, ToolCallRequest.class).idempotencyKey();
            try {
                Object result = tools.execute(args);
                attempts.add(new Attempt(key, info.getAttempt(), startedAt, -1));
                return result;
            } catch (RuntimeException e) {
                attempts.add(new Attempt(key, info.getAttempt(), startedAt,
                        System.currentTimeMillis()));
                throw e;
            }
        }
    }

    @BeforeAll
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        TimedTools tools = new TimedTools();
        AgentWorker.create(env.getWorkerFactory(), new AgentWorker.Config(QUEUE, false, null,
                AgentWorker.kindsOf(tools.tools.registry()), tools, null));
        env.start();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    private RunResult run(String file, String text) {
        var stub = env.getWorkflowClient().newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(file + "-" + System.nanoTime()).build());
        stub.start(new RunRequest(AgentTextTest.deploy(file, text), null, null, 0));
        return stub.getResult(RunResult.class);
    }

    @Test
    void aToolOnAQueueNoWorkerPollsFailsFastWithACatchableTimeoutNamingTheQueue() {
        RunResult r = run("unpolled.agent", """
                agent unpolled
                tools { gpu = echo { timeout 10s  schedule_to_start 2s  queue "gpu-workers" } }
                try {
                  x = gpu(job: "render")
                } catch Timeout as err {
                  set x = err.message
                }
                output { x: x }
                """);
        assertEquals(RunState.COMPLETED, r.status(), String.valueOf(r.error()));
        String message = r.output().get("x").asText();
        assertTrue(message.contains("task queue 'gpu-workers'") && message.contains("schedule_to_start"), message);

        RunResult uncaught = run("unpolled2.agent", """
                agent unpolled2
                tools { gpu = echo { timeout 10s  schedule_to_start 1s  queue "gpu-workers" } }
                x = gpu(job: "render")
                output { x: x }
                """);
        assertEquals("Timeout", uncaught.error().type());
        assertTrue(uncaught.error().message().contains("'gpu-workers'"), uncaught.error().message());
    }

    @Test
    void retryDelaysCarryTheJitterOfTheirCall() {
        RetryOptions policy = RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(4))
                .setMaximumInterval(Duration.ofSeconds(4)).setMaximumAttempts(2).build();
        String key = null;
        for (int i = 0; key == null; i++) { // a call whose draw is far below the un-jittered 4 s
            if (RetryJitter.delay(policy, 1, 90, "jitter-" + i).toMillis() < 1_200) {
                key = "jitter-" + i;
            }
        }
        long expected = RetryJitter.delay(policy, 1, 90, key).toMillis();
        RunResult jittered = run("jitter.agent", """
                agent jitter
                tools { flaky = fail { timeout 10s  retry { attempts 2  backoff 4s..4s  jitter 90%% } } }
                r = flaky(times: 1, result: "ok") key "%s"
                output { r: r }
                """.formatted(key));
        assertEquals("ok", jittered.output().get("r").asText(), String.valueOf(jittered.error()));
        RunResult plain = run("plain.agent", """
                agent plain
                tools { flaky = fail { timeout 10s  retry { attempts 2  backoff 4s..4s } } }
                r = flaky(times: 1, result: "ok") key "no-jitter"
                output { r: r }
                """);
        assertEquals("ok", plain.output().get("r").asText(), String.valueOf(plain.error()));

        long waited = waitAfterFirstFailure(key);
        assertTrue(waited >= expected - 50 && waited < expected + 2_000,
                "the retry waited " + waited + " ms; the jittered delay of this call is " + expected + " ms");
        long plainWait = waitAfterFirstFailure("no-jitter");
        assertTrue(plainWait >= 3_950, "without jitter Temporal waits the full 4 s backoff, not " + plainWait + " ms");
    }

    /** From the end of attempt 1 to the start of attempt 2. */
    private long waitAfterFirstFailure(String key) {
        Attempt first = attempt(key, 1);
        assertTrue(first.failedAt() > 0, "attempt 1 of " + key + " failed");
        return attempt(key, 2).startedAt() - first.failedAt();
    }

    private Attempt attempt(String key, int n) {
        return attempts.stream().filter(a -> a.key().equals(key) && a.attempt() == n).findFirst()
                .orElseThrow(() -> new AssertionError("no attempt " + n + " of " + key + " in " + attempts));
    }
}
