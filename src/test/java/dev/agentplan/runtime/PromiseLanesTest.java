package dev.agentplan.runtime;

import static dev.agentplan.runtime.Exprs.bin;
import static dev.agentplan.runtime.Exprs.bool;
import static dev.agentplan.runtime.Exprs.map;
import static dev.agentplan.runtime.Exprs.num;
import static dev.agentplan.runtime.Exprs.path;
import static dev.agentplan.runtime.Exprs.str;
import static dev.agentplan.runtime.Plans.budget;
import static dev.agentplan.runtime.Plans.call;
import static dev.agentplan.runtime.Plans.forEach;
import static dev.agentplan.runtime.Plans.ifElse;
import static dev.agentplan.runtime.Plans.lane;
import static dev.agentplan.runtime.Plans.parallel;
import static dev.agentplan.runtime.Plans.plan;
import static dev.agentplan.runtime.Plans.set;
import static dev.agentplan.runtime.Plans.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Expr;
import dev.agentplan.model.Step;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Lanes and iterations of tool calls, {@code set}, {@code if} and {@code fail} run as promise work
 * (PromiseRunner); anything else in a body keeps a workflow thread per lane (ParallelRunner). The
 * two must issue the same commands in the same order: each scenario runs once each way, and each
 * history replays on the other path (a body with a trailing {@code if false { wait }} takes the
 * thread path and changes no command). Outcomes and step logs agree too.
 */
class PromiseLanesTest extends InterpreterTestBase {

    /** A step that forces the thread path and does nothing at run time. */
    private static final Step THREADS_ONLY = ifElse(bool(false), List.of(waitFor(Duration.ofSeconds(1))), List.of());

    private static List<Step> body(boolean threads, Step... steps) {
        List<Step> out = new ArrayList<>(List.of(steps));
        if (threads) {
            out.add(THREADS_ONLY);
        }
        return out;
    }

    private static Step.Lane lanes(boolean threads, String name, Step... steps) {
        return new Step.Lane(name, body(threads, steps), Exprs.AT);
    }

    private static Step.ForEachStep loop(boolean threads, String var, Expr items, int parallel, Step... steps) {
        return new Step.ForEachStep(var, items, parallel, body(threads, steps), Exprs.AT);
    }

    private static Expr numbers(int n) {
        List<Expr> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(num(i));
        }
        return new Expr.ListExpr(items, Exprs.AT);
    }

    private static AgentDefinition fanOut(boolean threads) {
        List<Step.Lane> ls = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            ls.add(lanes(threads, "l" + k,
                    call("a", "count", "ms", num(5 + (k * 7) % 20), "k", num(k)),
                    set("seen", path("a.k")),
                    ifElse(bin(">", path("seen"), num(2)),
                            List.of(call("b", "count", "ms", num(3 + k), "k", path("seen"))),
                            List.of(call("b", "echo", "k", path("seen")))),
                    call("c", "echo", "last", path("b.k"))));
        }
        return plan("fan", List.of(new Step.ParallelStep("res", Step.JoinMode.ALL, ls, Exprs.AT)),
                map("res", path("res")));
    }

    private static AgentDefinition forEachMultiStep(boolean threads) {
        return plan("each", List.of(loop(threads, "x", numbers(14), 4,
                        call("r", "count", "ms", bin("+", num(2), bin("%", bin("*", path("x"), num(13)), num(17))),
                                "x", path("x")),
                        ifElse(bin("==", bin("%", path("x"), num(3)), num(0)),
                                List.of(call("s", "echo", "x", path("r.x"))), List.of(set("s", path("r")))))),
                map("r", path("r"), "s", path("s")));
    }

    private static AgentDefinition firstWins(boolean threads) {
        return plan("first", List.of(parallel("res", Step.JoinMode.FIRST,
                        lanes(threads, "slow1", call("r", "slow", "ms", num(20_000), "lane", str("slow1"))),
                        lanes(threads, "fast", call("a", "echo", "n", num(1)), call("r", "echo", "winner", path("a.n"))),
                        lanes(threads, "slow2", call("r", "slow", "ms", num(20_000), "lane", str("slow2"))))),
                map("res", path("res")));
    }

    private static AgentDefinition failureWithItemsLeft(boolean threads) {
        return plan("fails", List.of(loop(threads, "x", numbers(9), 2,
                        Plans.ifChain(List.of(
                                Plans.branch(bin("==", path("x"), num(3)),
                                        call("r", "flaky", "times", num(9), "retryable", bool(false), "error", str("Bad"))),
                                Plans.branch(bin("==", path("x"), num(2)), call("r", "slow", "ms", num(20_000)))),
                                List.of(call("r", "echo", "x", path("x")))))),
                map());
    }

    private static AgentDefinition budgetRunsOut(boolean threads) {
        return plan("budgeted", List.of(), budget(7, null, null, null), List.of(loop(threads, "x", numbers(10), 3,
                        call("r", "echo", "x", path("x")))), map());
    }

    private static AgentDefinition everyLaneFails(boolean threads) {
        return plan("allfail", List.of(parallel("res", Step.JoinMode.FIRST,
                        lanes(threads, "a", call("r", "flaky", "times", num(9), "error", str("HttpError"),
                                "retryable", bool(false))),
                        lanes(threads, "b", set("v", num(1)), Plans.fail(str("no luck"))))),
                map());
    }

    @Test
    void fanOutOfCallsIfAndSet() throws Exception {
        sameBothWays(PromiseLanesTest::fanOut);
    }

    @Test
    void parallelForEachWithSeveralStepsPerIteration() throws Exception {
        sameBothWays(PromiseLanesTest::forEachMultiStep);
    }

    @Test
    void parallelFirstCancelsTheLosers() throws Exception {
        sameBothWays(PromiseLanesTest::firstWins);
    }

    @Test
    void aFailureWithItemsStillQueuedStopsTheLoop() throws Exception {
        sameBothWays(PromiseLanesTest::failureWithItemsLeft);
    }

    @Test
    void aBudgetRunningOutMidLoop() throws Exception {
        sameBothWays(PromiseLanesTest::budgetRunsOut, false);
    }

    @Test
    void parallelFirstWhenEveryLaneFails() throws Exception {
        sameBothWays(PromiseLanesTest::everyLaneFails);
    }

    @Test
    void promiseLanesRunWithoutAThreadEach() throws Exception {
        WorkflowStub promised = start(pin(forEachSlow(false)), null);
        WorkflowStub threaded = start(pin(forEachSlow(true)), null);
        int promisedThreads = workflowThreads(promised);
        int threadedThreads = workflowThreads(threaded);
        promised.getResult(RunResult.class);
        threaded.getResult(RunResult.class);
        assertEquals(1, promisedThreads, "only the root thread while 4 iterations wait for their calls");
        assertTrue(threadedThreads >= 5, "the thread path has a thread per iteration in flight: " + threadedThreads);
    }

    private static AgentDefinition forEachSlow(boolean threads) {
        return plan("slowfan", List.of(loop(threads, "x", numbers(4), 4, call("r", "slow", "ms", num(1500)))), map());
    }

    /** Workflow threads in the run's stack trace, once its tools are in flight. */
    private static int workflowThreads(WorkflowStub stub) throws InterruptedException {
        awaitStatus(stub, s -> s.currentSteps() != null && s.currentSteps().stream()
                .filter(a -> a.waitingFor() != null && a.waitingFor().startsWith("tool")).count() == 4);
        String trace = stub.query("__stack_trace", String.class);
        int threads = 0;
        for (String line : trace.split("\n")) {
            if (line.matches("workflow\\S*: \\(.*")) { // a thread's header: "workflow[run]-3: (BLOCKED on …)"
                threads++;
            }
        }
        return threads;
    }

    private void sameBothWays(Function<Boolean, AgentDefinition> scenario) throws Exception {
        sameBothWays(scenario, true);
    }

    /** @param logs whether the step logs must agree (not where timing decides which calls finish first) */
    private void sameBothWays(Function<Boolean, AgentDefinition> scenario, boolean logs) throws Exception {
        AgentDefinition promised = scenario.apply(false);
        AgentDefinition threaded = scenario.apply(true);
        PinnedDefinition pinned = pin(promised);
        // The thread-path plan with the promise plan's lines: its calls then send identical requests.
        String canonical = dev.agentplan.syntax.json.JsonPlanCodec.encode(threaded);
        PinnedDefinition pinnedThreaded = new PinnedDefinition(threaded.name(), 1, Sha256.of(canonical),
                canonical, "test.agent", pinned.sourceLines());

        WorkflowStub a = start(pinned, null);
        RunResult ra = a.getResult(RunResult.class);
        WorkflowStub b = start(pinnedThreaded, null);
        RunResult rb = b.getResult(RunResult.class);
        assertEquals(rb.status(), ra.status(), String.valueOf(ra.error()));
        assertEquals(out(rb), out(ra));
        assertEquals(String.valueOf(rb.error()).replace(b.getExecution().getWorkflowId(), "ID"),
                String.valueOf(ra.error()).replace(a.getExecution().getWorkflowId(), "ID"));
        if (logs) {
            assertEquals(logOf(status(b), true), logOf(status(a), false));
        }

        WorkflowExecutionHistory ha = env.getWorkflowExecutionHistory(a.getExecution());
        WorkflowExecutionHistory hb = env.getWorkflowExecutionHistory(b.getExecution());
        // How many activities each run scheduled can differ with timing (which lanes share a batch with the
        // failing one); the replays below are what proves the same walk issues the same commands.
        assertTrue(commands(ha) > 0 && commands(hb) > 0, commands(ha) + " / " + commands(hb) + " " + ra.error());
        replay(ha, threaded); // recorded on the promise path, replayed on the thread path
        replay(hb, promised); // and the other way round
        replay(ha, promised);
    }

    /** Path, kind, outcome and attempts of each step logged, in path order, without the thread-forcing steps. */
    private static List<String> logOf(RunStatus s, boolean threaded) {
        List<String> out = new ArrayList<>();
        for (StepLogEntry e : s.stepLog()) {
            boolean forcing = threaded && e.kind().equals("if") && e.outcome().equals("ok") && e.line().isEmpty();
            if (!forcing) {
                out.add(e.path() + " " + e.iteration() + " " + e.kind() + " " + e.outcome() + " " + e.attempts());
            }
        }
        out.sort(null);
        return out;
    }

    private static long commands(WorkflowExecutionHistory h) {
        return h.getEvents().stream().map(HistoryEvent::getEventType)
                .filter(t -> t == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).count();
    }

    private static void replay(WorkflowExecutionHistory history, AgentDefinition walk) throws Exception {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        try {
            Worker worker = AgentWorker.create(factory, new AgentWorker.Config("replay", false, (file, json) -> walk,
                    AgentWorker.kindsOf(TOOLS.registry()), TOOLS, null));
            WorkflowReplayer.replayWorkflowExecution(history, worker);
        } finally {
            factory.shutdownNow();
        }
    }
}
