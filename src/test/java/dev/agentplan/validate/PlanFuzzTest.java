package dev.agentplan.validate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.syntax.json.PlanSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes reading and validating: the example plans (text and JSON form) and the golden plans,
 * mutated at random, must only ever give diagnostics — never an exception, never a hang — and every
 * diagnostic must have a code, a message and a position. Each case has its own seed (the run's seed
 * and the case number), printed on failure with the input, which is also written to
 * {@code target/fuzz-failures/}. Other runs: {@code -Dagentplan.fuzz.seed=S -Dagentplan.fuzz.cases=N};
 * one failing case again:
 * <pre>mvn -o -q test -Dtest=PlanFuzzTest -Dagentplan.fuzz.only=CASE_SEED</pre>
 */
class PlanFuzzTest {

    private static final long SEED = Long.getLong("agentplan.fuzz.seed", 20_240_611L);
    private static final int CASES = Integer.getInteger("agentplan.fuzz.cases", 10_000);
    /** Set to a case seed from a failure message to run only that case. */
    private static final Long ONLY = Long.getLong("agentplan.fuzz.only");
    private static final long CASE_TIMEOUT_SECONDS = 20;

    private static ExecutorService worker;
    /** How many cases gave a model the validator then checked (written by the worker thread only). */
    private static final java.util.concurrent.atomic.AtomicInteger VALIDATED = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<Base> BASES = new ArrayList<>();

    private record Base(String name, String text) {
    }

    @BeforeAll
    static void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            // Deeply nested input needs a deep stack; the reader is expected to cope with the default one.
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        for (Path p : GoldenFiles.plans(GoldenFiles.DEFINITIONS)) {
            String text = GoldenFiles.read(p);
            BASES.add(new Base(p.getFileName().toString(), text));
            ParseResult parsed = GoldenFiles.parse(p);
            if (parsed.definition() != null) {
                BASES.add(new Base(p.getFileName() + ".json", JsonPlanCodec.encode(parsed.definition())));
            }
        }
        for (Path p : GoldenFiles.plans(GoldenFiles.INVALID)) {
            String text = GoldenFiles.read(p);
            if (text.length() < 20_000) { // the size-limit plan would only make the run slow
                BASES.add(new Base(p.getFileName().toString(), text));
            }
        }
    }

    @AfterAll
    static void stop() {
        worker.shutdownNow();
    }

    @Test
    void readingAndValidatingMutatedPlansOnlyEverGivesDiagnostics() throws InterruptedException {
        long started = System.nanoTime();
        long diagnostics = 0;
        int cases = ONLY == null ? CASES : 1;
        for (int i = 0; i < cases; i++) {
            long caseSeed = ONLY != null ? ONLY : caseSeed(i);
            Random random = new Random(caseSeed);
            Base base = BASES.get(random.nextInt(BASES.size()));
            String input = new PlanMutator(random).mutate(base.text());
            diagnostics += runCase(i, caseSeed, base.name(), input);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("fuzz: %d cases from seed %d in %d ms: %d models validated, %d diagnostics%n", cases, SEED,
                millis, VALIDATED.get(), diagnostics);
    }

    /** Distinct runs' seeds give unrelated cases (a plain SEED + i would overlap). */
    private static long caseSeed(int index) {
        return SEED * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
    }

    private long runCase(int index, long caseSeed, String name, String input) throws InterruptedException {
        Future<List<Diagnostic>> result = worker.submit(() -> readAndValidate(name, input));
        List<Diagnostic> found;
        try {
            found = result.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException hang) {
            result.cancel(true);
            throw failure(index, caseSeed, name, input, "did not finish within " + CASE_TIMEOUT_SECONDS + " s", null);
        } catch (ExecutionException crash) {
            throw failure(index, caseSeed, name, input, "threw " + crash.getCause(), crash.getCause());
        }
        boolean empty = input.isBlank();
        for (Diagnostic d : found) {
            String problem = null;
            if (d.code() == null || d.code().isBlank()) {
                problem = "a diagnostic without a code";
            } else if (d.message() == null || d.message().isBlank()) {
                problem = "a diagnostic without a message";
            } else if (d.span() == null) {
                problem = "a diagnostic without a span";
            } else if (!empty && d.span().line() < 1) {
                problem = "a diagnostic without a line";
            }
            if (problem != null) {
                throw failure(index, caseSeed, name, input, problem + ": " + d, null);
            }
        }
        return found.size();
    }

    /** Reads like the CLI does (by the file name's form) and validates whatever model it gets. */
    private static List<Diagnostic> readAndValidate(String name, String input) {
        ParseResult parsed;
        try {
            parsed = PlanSources.parse(name, input.getBytes(StandardCharsets.UTF_8));
        } catch (Throwable t) {
            throw new IllegalStateException("the reader (branch syntax/json) crashed: " + t, t);
        }
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        if (parsed.definition() != null) {
            VALIDATED.incrementAndGet();
            try {
                all.addAll(PlanValidator.withBuiltinTools().validate(parsed.definition()));
            } catch (Throwable t) {
                throw new IllegalStateException("the validator crashed: " + t, t);
            }
        }
        return all;
    }

    private static AssertionError failure(int index, long caseSeed, String name, String input, String what,
                                          Throwable cause) {
        Path saved = Path.of("target", "fuzz-failures", "case-" + index + "-" + name);
        try {
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            saved = null;
        }
        String shown = input.length() > 2_000 ? input.substring(0, 2_000) + "…(" + input.length() + " chars)" : input;
        String message = "fuzz case " + index + " (run seed " + SEED + ", case seed " + caseSeed + ", from " + name
                + ") " + what + "\n--- input" + (saved == null ? "" : " (saved to " + saved + ")") + " ---\n"
                + escape(shown) + "\n--- end ---";
        AssertionError error = new AssertionError(message, cause);
        fail(message, error);
        return error;
    }

    /** The input as a Java string literal body, so a reproducer can be pasted into a test. */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n\n");
            } else if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0xD800 && c <= 0xDFFF) || c > 0xFFFF || !Character.isDefined(c)) {
                if (c > 0xFFFF) {
                    for (char ch : Character.toChars(c)) {
                        out.append(String.format("\\u%04X", (int) ch));
                    }
                } else {
                    out.append(String.format("\\u%04X", c));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
