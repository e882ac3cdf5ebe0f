package dev.agentplan.plantest;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Step;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.api.ActiveStep;
import dev.agentplan.runtime.api.ApprovalRecord;
import dev.agentplan.runtime.api.GateDecision;
import dev.agentplan.runtime.api.IntentEvent;
import dev.agentplan.runtime.InterpreterWorkflow;
import dev.agentplan.runtime.api.PendingApproval;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.RunRequest;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunStatus;
import dev.agentplan.runtime.api.StepLogEntry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one case on the time-skipping test server and plays the humans. The clock never skips
 * freely: the driver watches the run (status query) and moves workflow time itself, exactly to the
 * next moment something is due (a decision or signal of the script, a timer, a gate's or
 * signal's timeout, the duration budget, ), so a decision scripted for 1h
 * after a gate opens arrives at 1h, not after the gate's timeout fired. When the run waits for
 * something the driver cannot see (a retry's backoff, a child run), it moves time in small steps.
 */
final class CaseDriver {

    /** Real time a case may take before it is given up. */
    static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(120);
    private static final long MAX_PROBE_MS = 5_000;
    /** Real time one clock move may take: only a scripted delay (real time) should hold it that long. */
    private static final Duration SKIP_LIMIT = Duration.ofSeconds(30);
    private boolean clockHeld;
    /** The driver ended the run itself (a stop): a call may have been cut off, so the clock is checked after. */
    private boolean terminated;
    /** Problems that start with this are reported, but do not fail the case. */
    static final String NOTE = "note: ";
    private static final boolean DEBUG = System.getenv("AGENTPLAN_TEST_DEBUG") != null;

    private final TestWorkflowEnvironment env;
    private final WorkflowClient client;
    private final String taskQueue;

    CaseDriver(TestWorkflowEnvironment env, String taskQueue) {
        this.env = env;
        this.client = env.getWorkflowClient();
        this.taskQueue = taskQueue;
    }

    CaseRun run(String runId, PinnedDefinition pinned, AgentDefinition plan, CaseScript script) {
        TestCase tc = script.testCase();
        Map<String, Step> stepsByPath = StepPaths.index(plan.steps());
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> seen = new LinkedHashMap<>();
        WorkflowStub stub = client.newUntypedWorkflowStub(InterpreterWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(runId).build());
        long start = env.currentTimeMillis();
        stub.start(new RunRequest(pinned, tc.inputs(), null));

        Deque<TestCase.SignalScript> timed = new ArrayDeque<>();
        tc.signals().stream().filter(s -> s.at() != null).sorted(Comparator.comparing(TestCase.SignalScript::at))
                .forEach(timed::add);
        Map<String, Deque<TestCase.SignalScript>> awaited = new HashMap<>();
        tc.signals().stream().filter(s -> s.after() != null)
                .forEach(s -> awaited.computeIfAbsent(s.name(), k -> new ArrayDeque<>()).add(s));
        Map<String, Deque<TestCase.ApprovalScript>> decisions = new HashMap<>();
        tc.approvals().forEach(a -> decisions.computeIfAbsent(a.gate(), k -> new ArrayDeque<>()).add(a));
        // an opened gate / a started wait (name@since) -> when its scripted answer is due
        Map<String, Long> due = new HashMap<>();
        Map<String, Object> planned = new HashMap<>();
        Set<String> delivered = new HashSet<>();
        Long budgetDeadline = plan.budget() != null && plan.budget().duration() != null
                ? start + plan.budget().duration().toMillis() : null;

        long realDeadline = System.nanoTime() + REAL_TIME_LIMIT.toNanos();
        long probe = 10;
        int idlePolls = 0;
        int quietPolls = 0;
        RunStatus last = null;
        try {
            while (isOpen(runId)) {
                if (System.nanoTime() > realDeadline) {
                    problems.add("the run did not end within " + REAL_TIME_LIMIT.toSeconds() + " s of real time"
                            + where(last));
                    stub.terminate("plan test gave up");
                    clockHeld = true; // whatever held the run may hold the server too: the next case gets a fresh one
                    break;
                }
                RunStatus s;
                try {
                    s = stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
                } catch (RuntimeException closedMeanwhile) {
                    continue;
                }
                last = s;
                note(seen, s);
                long now = env.currentTimeMillis();
                if (DEBUG) {
                    System.err.println("[plantest] t+" + (now - start) + " ms " + s.state() + " " + s.currentSteps()
                            + " busy=" + script.busy.get());
                }
                String stop = script.stopReason();
                if (stop != null) {
                    problems.add(NOTE + "stopped: " + stop);
                    // the unanswered call's failure must reach the server before the run is ended: an attempt
                    // whose run was terminated first holds the test server's clock for good
                    long settle = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (script.busy.get() > 0 && System.nanoTime() < settle) {
                        Thread.sleep(2);
                    }
                    Thread.sleep(200);
                    terminated = true;
                    try {
                        stub.terminate("plan test: " + stop);
                    } catch (RuntimeException endedMeanwhile) {
                        // the run ended on its own (the unanswered call failed it) before the stop arrived
                    }
                    break;
                }
                boolean acted = false;
                while (!timed.isEmpty() && start + timed.peek().at().toMillis() <= now && callsReached(timed.peek(), script)) {
                    send(stub, timed.poll(), problems);
                    acted = true;
                }
                List<Long> deadlines = new ArrayList<>();
                if (!timed.isEmpty() && start + timed.peek().at().toMillis() > now) {
                    deadlines.add(start + timed.peek().at().toMillis());
                }
                for (PendingApproval p : s.pendingApprovals()) {
                    String key = "approval " + p.gate() + "@" + p.since();
                    if (!due.containsKey(key)) {
                        Deque<TestCase.ApprovalScript> q = decisions.get(baseName(p.gate()));
                        TestCase.ApprovalScript a = q == null ? null : q.poll();
                        if (a != null) {
                            due.put(key, millis(p.since()) + a.after().toMillis());
                            planned.put(key, a);
                        } else {
                            due.put(key, null);
                        }
                    }
                    Long at = due.get(key);
                    if (at != null && !delivered.contains(key)) {
                        if (at <= now) {
                            TestCase.ApprovalScript a = (TestCase.ApprovalScript) planned.get(key);
                            String by = a.by() != null ? a.by() : p.approvers().isEmpty() ? "tester" : p.approvers().get(0);
                            stub.signal(InterpreterWorkflow.DECIDE_SIGNAL, new GateDecision(p.gate(), a.approve(), by,
                                    a.comment()));
                            delivered.add(key);
                            acted = true;
                        } else {
                            deadlines.add(at);
                        }
                    }
                    if (p.deadline() != null) {
                        deadlines.add(millis(p.deadline()));
                    }
                }
                boolean unknownWait = false;
                String stuckOn = null;
                for (ActiveStep a : leaves(s.currentSteps())) {
                    String w = a.waitingFor();
                    if (w == null) {
                        unknownWait = true; // between two commands of the workflow
                    } else if (w.startsWith("timer until ")) {
                        deadlines.add(millis(w.substring("timer until ".length())));
                    } else if (w.startsWith("signal ")) {
                        String name = w.substring("signal ".length());
                        String key = "signal " + name + "@" + a.since();
                        if (!due.containsKey(key)) {
                            Deque<TestCase.SignalScript> q = awaited.get(name);
                            TestCase.SignalScript sig = q == null ? null : q.poll();
                            due.put(key, sig == null ? null : millis(a.since()) + sig.after().toMillis());
                            planned.put(key, sig);
                        }
                        Long at = due.get(key);
                        if (at != null && !delivered.contains(key)) {
                            if (at <= now) {
                                send(stub, (TestCase.SignalScript) planned.get(key), problems);
                                delivered.add(key);
                                acted = true;
                            } else {
                                deadlines.add(at);
                            }
                        }
                        Step step = stepsByPath.get(a.path());
                        if (step instanceof Step.AwaitSignalStep await && await.timeout() != null) {
                            deadlines.add(millis(a.since()) + await.timeout().toMillis());
                        } else if (at == null && timed.isEmpty()) {
                            stuckOn = "signal '" + name + "'" + Lines.suffix(a.line());
                        }
                    } else if (w.startsWith("approval ")) {
                        if (s.pendingApprovals().stream().noneMatch(p -> p.deadline() != null
                                || due.get("approval " + p.gate() + "@" + p.since()) != null)) {
                            stuckOn = w + Lines.suffix(a.line());
                        }
                    } else {
                        unknownWait = true; // a tool (running, or between retries) or a child run
                    }
                }
                if (acted) {
                    probe = 10;
                    quietPolls = 0;
                    Thread.sleep(1);
                    continue;
                }
                if (script.busy.get() > 0) {
                    Thread.sleep(1);
                    continue;
                }
                if (budgetDeadline != null) {
                    deadlines.add(budgetDeadline);
                }
                long next = deadlines.stream().mapToLong(Long::longValue).filter(d -> d > now).min().orElse(Long.MAX_VALUE);
                boolean stale = deadlines.stream().anyMatch(d -> d <= now);
                long step;
                if (stale) {
                    // a timer fired and the workflow task it woke is not done yet: let it run
                    idlePolls++;

                    if (idlePolls > 2_000) {
                        problems.add("the run did not move on after " + where(last));
                        stub.terminate("plan test: stuck");
                        break;
                    }
                    // The server started the timer when the workflow task completed, a little after the
                    // time the run shows: move on in growing steps until it fires.
                    // never past the next deadline still to come, so timers fire in their order
                    long grow = Math.min(1000, 1L << Math.min(10, idlePolls));
                    if (!skip(Duration.ofMillis(Math.max(1, Math.min(grow, next - now - 1))))) {
                        problems.add("the test server's clock stopped" + where(last));
                        clockHeld = true;
                        stub.terminate("plan test: the clock is held");
                        break;
                    }
                    continue;
                }
                idlePolls = 0;
                if (unknownWait || s.currentSteps().isEmpty()) {
                    step = Math.min(probe, next - now);
                    probe = Math.min(MAX_PROBE_MS, probe * 2);
                } else if (next != Long.MAX_VALUE) {
                    step = next - now + 1;
                    probe = 10;
                } else if (++quietPolls < 25) {
                    Thread.sleep(2); // maybe a workflow task is still running: look again before calling it stuck
                    continue;
                } else {
                    problems.add("the run waits for " + (stuckOn == null ? "something the case never sends" : stuckOn)
                            + " and the case gives it nothing (and it has no timeout)");
                    stub.terminate("plan test: stuck");
                    break;
                }
                quietPolls = 0;
                if (!skip(Duration.ofMillis(Math.max(1, step)))) {
                    problems.add("the test server's clock stopped" + where(last)
                            + " (is a scripted delay still running after its run ended?)");
                    clockHeld = true;
                    stub.terminate("plan test: the clock is held");
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        // Attempts still running (a lane that lost a race) hold the server's clock: let them end first.
        long drainUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean outlived = script.busy.get() > 0 || terminated;
        while (script.busy.get() > 0 && System.nanoTime() < drainUntil) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!clockHeld && outlived) {
            try {
                Thread.sleep(200); // the late completion reaches the server
                clockHeld = !skip(Duration.ofHours(1), Duration.ofSeconds(5)); // the run is over: nothing is due
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (clockHeld) {
                problems.add(NOTE + "a tool call that outlived its run holds the test server's clock (a scripted delay in a"
                        + " lane that lost a race, or a call the run was stopped at?); the next case gets a fresh server");
            }
        }
        RunResult result = null;
        List<StepLogEntry> log = List.of();
        try {
            result = stub.getResult(RunResult.class);
            RunStatus end = stub.query(InterpreterWorkflow.STATUS, RunStatus.class);
            note(seen, end);
            log = end.stepLog();
            if (end.stepsLogged() > end.stepLog().size()) {
                problems.add(NOTE + "coverage of this case is partial: the step log kept " + end.stepLog().size() + " of "
                        + end.stepsLogged() + " steps");
            }
            for (var ignored : end.ignoredSignals()) {
                problems.add("the run ignored " + ignored.signal() + ": " + ignored.reason());
            }
        } catch (RuntimeException e) {
            if (problems.isEmpty()) {
                problems.add("the run did not end normally: " + e.getMessage());
            }
        }
        decisions.forEach((gate, left) -> left.forEach(a -> problems.add("approval gate '" + gate
                + "' never opened for the scripted decision (" + (a.approve() ? "approve" : "reject") + ")")));
        awaited.forEach((name, left) -> left.forEach(sig -> problems.add("the run never waited for signal '" + name
                + "' scripted to arrive " + sig.after().toMillis() + " ms after it waits")));
        long elapsed = env.currentTimeMillis() - start;
        java.util.Set<String> iterations = new HashSet<>();
        for (StepLogEntry e : log) {
            iterations.add(e.path() + "@" + e.iteration());
        }
        return new CaseRun(result, script.calls(), seen, log, problems, elapsed, iterations);
    }

    /**
     * Moves the server's clock ahead. A tool call still running holds the clock (it then moves at
     * the pace of real time); one whose run has ended can hold it for good, so give up after a while.
     */
    private boolean skip(Duration d) throws InterruptedException {
        return skip(d, SKIP_LIMIT);
    }

    private boolean skip(Duration d, Duration limit) throws InterruptedException {
        java.util.concurrent.CompletableFuture<Void> done = java.util.concurrent.CompletableFuture.runAsync(() -> env.sleep(d));
        try {
            done.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the test server refused to move its clock: " + e.getCause().getMessage(), e);
        }
    }

    /** A timed signal that also waits for the run's n-th tool call is due once that call was made. */
    private static boolean callsReached(TestCase.SignalScript sig, CaseScript script) {
        return sig.afterCalls() == null || script.callCount() >= sig.afterCalls();
    }

    /** A signal, or an Update to an {@code on update} handler (whose refusal is a problem of the case). */
    private static void send(WorkflowStub stub, TestCase.SignalScript sig, List<String> problems) {
        if (!sig.update()) {
            stub.signal(InterpreterWorkflow.SIGNAL, sig.name(), sig.payload());
            return;
        }
        try {
            stub.update(InterpreterWorkflow.INTENT_UPDATE, String.class, new IntentEvent(sig.name(), sig.payload(), "tester"));
        } catch (RuntimeException refused) {
            problems.add("the run refused update '" + sig.name() + "': " + rootMessage(refused));
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }

    /** True once a case found the clock held: the environment should not be used for more cases. */
    boolean clockHeld() {
        return clockHeld;
    }

    private static String baseName(String gateId) {
        int hash = gateId.indexOf('#');
        return hash < 0 ? gateId : gateId.substring(0, hash);
    }

    private static String where(RunStatus s) {
        if (s == null || s.currentSteps().isEmpty()) {
            return "";
        }
        ActiveStep a = s.currentSteps().get(s.currentSteps().size() - 1);
        return "; it was at step " + a.path() + Lines.suffix(a.line())
                + (a.waitingFor() == null ? "" : ", waiting for " + a.waitingFor());
    }

    /** The active steps no other active step is inside of. */
    private static List<ActiveStep> leaves(List<ActiveStep> active) {
        List<ActiveStep> out = new ArrayList<>();
        for (ActiveStep a : active) {
            boolean parent = active.stream().anyMatch(b -> b != a && b.path().startsWith(a.path() + "/"));
            if (!parent) {
                out.add(a);
            }
        }
        return out;
    }

    private static void note(Map<String, List<String>> seen, RunStatus s) {
        for (ActiveStep a : s.currentSteps()) {
            seen.computeIfAbsent(a.path(), k -> new ArrayList<>());
        }
        for (StepLogEntry e : s.stepLog()) {
            List<String> outcomes = seen.computeIfAbsent(e.path(), k -> new ArrayList<>());
            if (!outcomes.contains(e.outcome())) {
                outcomes.add(e.outcome());
            }
        }
        for (ApprovalRecord r : s.approvals()) {
            List<String> outcomes = seen.computeIfAbsent(r.stepPath(), k -> new ArrayList<>());
            String o = r.byTimeout() ? "timeout" : r.approved() ? "approved" : "rejected";
            if (!outcomes.contains(o)) {
                outcomes.add(o);
            }
        }
    }

    private boolean isOpen(String runId) {
        var response = client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId)).build());
        return response.getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }
}
