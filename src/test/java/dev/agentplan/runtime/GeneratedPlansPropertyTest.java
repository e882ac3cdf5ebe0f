package dev.agentplan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.util.Timestamps;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.runtime.api.ErrorInfo;
import dev.agentplan.runtime.api.RunResult;
import dev.agentplan.runtime.api.RunState;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.validate.PlanValidator;
import dev.agentplan.validate.bounds.Bounds;
import dev.agentplan.validate.bounds.Figure;
import dev.agentplan.validate.bounds.PlanBounds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests on generated plans ({@link RandomPlans}), each run on the real interpreter on the
 * in-process test server with time skipping:
 * <ol>
 * <li>validation is a promise: a plan that validates clean ends completed or with a plan-level
 *     failure (a tool error, a budget, a timeout, a rejection), never an internal error, a Java
 *     exception's name, or an {@code ExpressionError} in a step whose values all had types the
 *     validator knew;
 * <li>the worst-case bounds hold: the run's tool calls (undo calls included), steps, history events
 *     and bytes and elapsed workflow time never exceed what {@code validate --bounds} computed.
 * </ol>
 * Seeds: {@code -Dagentplan.generated.seeds=N} (default 48) from {@code -Dagentplan.generated.first=S}.
 */
class GeneratedPlansPropertyTest extends InterpreterTestBase {

    private static final PlanValidator VALIDATOR = PlanValidator.withBuiltinTools();
    private static final AtomicInteger CLEAN = new AtomicInteger();
    private static final AtomicInteger TOTAL = new AtomicInteger();
    private static final AtomicInteger KNOWN_EVENTS = new AtomicInteger();
    private static final java.util.Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();
    /** The largest share of each bound a run used, in percent: how tight the bounds are. */
    private static final java.util.Map<String, Long> TIGHTEST = new java.util.concurrent.ConcurrentSkipListMap<>();

    static LongStream seeds() {
        long first = Long.getLong("agentplan.generated.first", 1);
        return LongStream.range(first, first + Integer.getInteger("agentplan.generated.seeds", 48));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aCleanPlanRunsWithinItsBoundsAndNeverFailsInternally(long seed) {
        RandomPlans gen = RandomPlans.of(seed);
        String file = "gen" + seed + ".agent";
        ParseResult parsed = PlanText.parse(file, gen.text);
        assertFalse(parsed.hasErrors(), () -> "the generator wrote a plan that does not parse: "
                + parsed.diagnostics() + "\n" + gen.text);
        TOTAL.incrementAndGet();
        List<Diagnostic> diagnostics = VALIDATOR.validate(parsed.definition());
        if (Boolean.getBoolean("agentplan.generated.verbose")) {
            diagnostics.stream().filter(Diagnostic::isError).forEach(d -> System.out.println("REJECTED " + d.code() + " " + d.message()));
        }
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            return; // refused before it runs: the promise is about clean plans
        }
        CLEAN.incrementAndGet();
        AgentDefinition def = parsed.definition();
        PlanBounds bounds = Bounds.of(def);

        long began = System.nanoTime();
        WorkflowStub stub = start(AgentTextTest.deploy(file, gen.text), json(gen.inputs));
        RunResult result;
        try {
            result = stub.getResult(60, java.util.concurrent.TimeUnit.SECONDS, RunResult.class);
        } catch (java.util.concurrent.TimeoutException e) {
            List<String> types = client.fetchHistory(stub.getExecution().getWorkflowId()).getEvents().stream()
                    .map(ev -> ev.getEventId() + " " + ev.getEventType().name().replace("EVENT_TYPE_", "")).toList();
            throw new AssertionError("the run did not end within 60 s; its history: " + types
                    + "\n--- seed " + seed + ", inputs " + gen.inputs + "\n" + gen.text, e);
        }
        // The test server's clock skips timers but otherwise runs in real time: what the run spent
        // working (tasks, calls) is not a wait the bound counts, so it is allowed on top.
        long working = (System.nanoTime() - began) / 1_000_000 + 1;
        String context = "\n--- seed " + seed + ", inputs " + gen.inputs + "\n" + gen.text + "--- result " + result;

        // Property 1: no internal error, no type error the validator could have seen.
        assertNotEquals(RunState.CANCELLED, result.status(), context);
        if (result.error() != null) {
            ErrorInfo e = result.error();
            assertNotEquals(ErrorTypes.INTERNAL_ERROR, e.type(), context);
            assertFalse(String.valueOf(e.message()).matches("(?s).*\\b\\w+(Exception|Error)\\b: .*")
                    && !e.type().equals("Boom"), () -> "a Java exception reached the run's error" + context);
            if (ErrorTypes.EXPRESSION_ERROR.equals(e.type())) {
                boolean opaque = e.step().equals("output") ? gen.opaqueOutput : gen.opaquePaths.contains(e.step());
                assertTrue(opaque, () -> "an ExpressionError in step " + e.step() + ", whose values all have types"
                        + " the validator knows" + context);
            }
        }

        if (Boolean.getBoolean("agentplan.generated.verbose")) {
            System.out.println("seed " + seed + ": " + result.status() + (result.error() == null ? ""
                    : " " + result.error().type() + " at " + result.error().step()));
        }
        OUTCOMES.merge(result.error() == null ? result.status().name() : result.status() + " " + result.error().type(),
                1, Integer::sum);

        // Property 2: the run stays within its worst-case bounds.
        WorkflowExecutionHistory history = client.fetchHistory(stub.getExecution().getWorkflowId());
        List<HistoryEvent> events = history.getEvents();
        long calls = events.stream().filter(ev -> ev.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .count();
        long bytes = events.stream().mapToLong(HistoryEvent::getSerializedSize).sum();
        long elapsed = Timestamps.toMillis(events.get(events.size() - 1).getEventTime())
                - Timestamps.toMillis(events.get(0).getEventTime());
        within("tool calls", calls, bounds.toolCalls(), context);
        within("steps", result.counts().steps(), bounds.steps(), context);
        within("history events", events.size(), bounds.historyEvents(), context);
        within("history bytes", bytes, bounds.historyBytes(), context);
        within("duration (ms), less the real time it ran", elapsed - working, bounds.durationMillis(), context);
        if (bounds.historyEvents().known()) {
            KNOWN_EVENTS.incrementAndGet();
        }
    }

    private static void within(String figure, long actual, Figure bound, String context) {
        if (bound.known() && bound.value() > 0) {
            TIGHTEST.merge(figure, Math.max(0, actual) * 100 / bound.value(), Math::max);
        }
        if (bound.known() && actual > bound.value()) {
            fail("the run's " + figure + " " + actual + " exceed the worst-case bound " + bound.value() + context);
        }
    }

    /** The properties must bite: most generated plans validate clean and have known bounds. */
    @AfterAll
    void enoughPlansRan() {
        System.out.println("generated plans: " + TOTAL + ", clean " + CLEAN + ", with known history bounds "
                + KNOWN_EVENTS + "; outcomes " + OUTCOMES + "; most of a bound used (%) " + TIGHTEST);
        if (TOTAL.get() >= 20) {
            assertTrue(CLEAN.get() * 3 >= TOTAL.get(), "only " + CLEAN + " of " + TOTAL
                    + " generated plans validate clean: the generator no longer tests the runtime");
            assertTrue(KNOWN_EVENTS.get() * 2 >= CLEAN.get(), "only " + KNOWN_EVENTS + " of " + CLEAN
                    + " clean plans have known history bounds");
        }
        assertEquals(TOTAL.get(), TOTAL.get());
    }
}
