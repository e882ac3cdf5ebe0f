package dev.agentplan.plantest;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.runtime.AgentWorker;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.tools.ToolRegistry;
import dev.agentplan.runtime.tools.builtin.BuiltinTools;
import dev.agentplan.server.Pins;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.PlanSources;
import dev.agentplan.validate.PlanValidator;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs test files on one in-process Temporal test server (time skipping) with the real interpreter
 * worker, whose only activity implementation is {@link ScriptedTools}. A {@code run agent@ref}
 * step starts the plan file {@code agent.agent} (or {@code .json}) beside the plan under test,
 * whatever the ref: tests never read the repository.
 */
public final class PlanTestRunner implements AutoCloseable {

    static final String QUEUE = "agentplan-plan-tests";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private TestWorkflowEnvironment env;
    private final ScriptedTools tools = new ScriptedTools();
    private final ToolRegistry registry = BuiltinTools.withDiscoveredTools();
    private final PlanValidator validator = new PlanValidator(registry.kinds());
    private volatile Path planDirectory = Path.of(".");
    /** Tool task queues ({@code queue "ops"}) that have a worker answering them from the scripts. */
    private final java.util.Set<String> toolQueues = new java.util.HashSet<>();
    private final List<io.temporal.worker.WorkerFactory> queueFactories = new ArrayList<>();

    public PlanTestRunner() {
        startEnvironment();
    }

    private void startEnvironment() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(true).build());
        AgentWorker.create(env.getWorkerFactory(), new AgentWorker.Config(QUEUE, false, null,
                AgentWorker.kindsOf(registry), tools, this::resolveSibling));
        env.start();
    }

    /** A fresh server (after a case left the clock held), with its tool-queue workers. */
    private void restartEnvironment() {
        queueFactories.forEach(io.temporal.worker.WorkerFactory::shutdownNow);
        queueFactories.clear();
        toolQueues.clear();
        env.close();
        startEnvironment();
    }

    private PinnedDefinition resolveSibling(String agent, String ref) {
        for (String ext : List.of(".agent", ".json")) {
            Path file = planDirectory.resolve(agent + ext);
            if (Files.isRegularFile(file)) {
                ParseResult parsed = PlanSources.read(file);
                if (!parsed.hasErrors()) {
                    return Pins.ofFile(file.getFileName().toString(), parsed.definition());
                }
            }
        }
        return null;
    }

    /** Runs every case of a test file (a file that cannot be read is reported, not thrown). */
    public PlanResult run(Path testFile) {
        TestFile file;
        try {
            file = TestFileReader.read(testFile);
        } catch (TestFileException e) {
            return new PlanResult(testFile, null, "", List.of(), null, e.getMessage());
        }
        Path planFile = file.plan();
        if (!Files.isRegularFile(planFile)) {
            return new PlanResult(testFile, planFile, "", List.of(), null, "the plan " + planFile + " does not exist");
        }
        ParseResult parsed = PlanSources.read(planFile);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (!parsed.hasErrors()) {
            diagnostics.addAll(validator.validate(parsed.definition()));
        }
        Diagnostic firstError = diagnostics.stream().filter(Diagnostic::isError).findFirst().orElse(null);
        if (parsed.definition() == null || firstError != null) {
            String where = firstError == null || firstError.span() == null ? "" : ":" + firstError.span().line();
            return new PlanResult(testFile, planFile, "", List.of(), null, "the plan has errors: " + planFile + where + ": "
                    + (firstError == null ? "it cannot be read" : firstError.headline()));
        }
        AgentDefinition plan = parsed.definition();
        String misplaced = signalsNeverAwaited(plan, file.cases());
        if (misplaced != null) {
            return new PlanResult(testFile, planFile, plan.name(), List.of(), null, misplaced);
        }
        serveToolQueues(plan);
        PinnedDefinition pinned = Pins.ofFile(planFile.getFileName().toString(), plan);
        planDirectory = planFile.toAbsolutePath().getParent();
        List<CaseVerdict> verdicts = new ArrayList<>();
        List<CaseRun> runs = new ArrayList<>();
        for (TestCase tc : file.cases()) {
            long t0 = System.nanoTime();
            CaseRun run = runCase(pinned, plan, new CaseScript(tc));
            runs.add(run);
            verdicts.add(Verdicts.judge(tc, run, (System.nanoTime() - t0) / 1_000_000));
        }
        return new PlanResult(testFile, planFile, plan.name(), verdicts, Coverage.of(plan, pinned.sourceLines(), runs), null);
    }

    /**
     * Runs one case whose tool calls {@code answers} answers (its inputs, decisions and signals come
     * from {@code tc}; its tools entries are not used): how {@code agentplan regress} re-runs a
     * recorded run on a candidate. A {@code run agent@ref} step starts {@code agent.agent} in
     * {@code planDirectory} (null: child runs cannot start).
     */
    public CaseRun run(PinnedDefinition pinned, AgentDefinition plan, Path planDirectory, TestCase tc, ToolAnswers answers) {
        this.planDirectory = planDirectory == null ? Path.of("nonexistent-plan-directory") : planDirectory;
        serveToolQueues(plan);
        return runCase(pinned, plan, new CaseScript(tc, answers));
    }

    private CaseRun runCase(PinnedDefinition pinned, AgentDefinition plan, CaseScript script) {
        String runId = "plantest-" + plan.name() + "-" + RUNS.incrementAndGet();
        tools.register(runId, script);
        CaseRun run;
        CaseDriver driver = new CaseDriver(env, QUEUE);
        try {
            run = driver.run(runId, pinned, plan, script);
        } finally {
            tools.unregister(runId);
        }
        if (driver.clockHeld()) {
            restartEnvironment();
            serveToolQueues(plan);
        }
        return run;
    }

    /**
     * A signal scripted {@code after} the run waits for it must be one an {@code await signal} step
     * takes: a handler's event ({@code on signal}) is never waited for, so it would never be sent.
     */
    private static String signalsNeverAwaited(AgentDefinition plan, List<TestCase> cases) {
        java.util.Set<String> awaited = new java.util.HashSet<>();
        dev.agentplan.model.StepPaths.index(plan.steps()).values().forEach(step -> {
            if (step instanceof dev.agentplan.model.Step.AwaitSignalStep a) {
                awaited.add(a.signal());
            }
        });
        for (TestCase tc : cases) {
            for (TestCase.SignalScript s : tc.signals()) {
                if (s.after() != null && !awaited.contains(s.name())) {
                    return "case '" + tc.name() + "': signal '" + s.name() + "' is scripted 'after' the run waits for it, but"
                            + " no 'await signal \"" + s.name() + "\"' step of the plan waits for it (an 'on signal' handler's"
                            + " event is never waited for): give 'at' (time since the start) instead";
                }
            }
        }
        return null;
    }

    /** A tool routed to its own task queue gets a worker there too, answered by the same scripts. */
    private void serveToolQueues(AgentDefinition plan) {
        for (var tool : plan.tools()) {
            String queue = plan.effectivePolicy(tool).taskQueue();
            if (queue != null && !queue.equals(QUEUE) && toolQueues.add(queue)) {
                io.temporal.worker.WorkerFactory factory = io.temporal.worker.WorkerFactory.newInstance(env.getWorkflowClient());
                factory.newWorker(queue).registerActivitiesImplementations(tools);
                factory.start();
                queueFactories.add(factory);
            }
        }
    }

    @Override
    public void close() {
        queueFactories.forEach(io.temporal.worker.WorkerFactory::shutdownNow);
        env.close();
    }
}
