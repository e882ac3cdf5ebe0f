package dev.agentplan.bench;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.Sha256;
import dev.agentplan.model.StepPaths;
import dev.agentplan.runtime.JsonPlanDecoder;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.runtime.PlanDecoder;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Plans as a real run has them: text parsed and validated, pinned as canonical JSON with a source map. */
public final class PinnedPlans {

    private PinnedPlans() {
    }

    /** Parses and validates {@code text}; fails with the first error. */
    public static AgentDefinition parse(String fileName, String text) {
        ParseResult parsed = PlanText.parse(fileName, text);
        requireClean(fileName, parsed.diagnostics());
        requireClean(fileName, PlanValidator.withBuiltinTools().validate(parsed.definition()));
        return parsed.definition();
    }

    public static PinnedDefinition pin(String fileName, String text) {
        AgentDefinition definition = parse(fileName, text);
        String json = JsonPlanCodec.encode(definition);
        Map<String, String> lines = new LinkedHashMap<>();
        StepPaths.walk(definition.steps(), "", (path, step) -> {
            if (step.span() != null && step.span().isKnown()) {
                lines.put(path, fileName + ":" + step.span().line());
            }
        });
        return new PinnedDefinition(definition.name(), 1, Sha256.of(json), json, fileName, lines);
    }

    private static final LongAdder DECODES = new LongAdder();
    private static final LongAdder DECODE_NANOS = new LongAdder();

    /**
     * The decoder a worker uses: the production {@link JsonPlanDecoder} (memoised by the JSON
     * text), one per call, so a fresh worker starts with an empty cache. It counts calls and time
     * (see {@link #decodeCount()}); timing does not change what it returns.
     */
    public static PlanDecoder decoder() {
        PlanDecoder production = new JsonPlanDecoder();
        return (fileName, canonicalJson) -> {
            long t0 = System.nanoTime();
            try {
                return production.decode(fileName, canonicalJson);
            } finally {
                DECODE_NANOS.add(System.nanoTime() - t0);
                DECODES.increment();
            }
        };
    }

    /** Plans decoded by {@link #decoder()} in this process so far. */
    public static long decodeCount() {
        return DECODES.sum();
    }

    /** Time spent in {@link #decoder()} in this process so far. */
    public static long decodeNanos() {
        return DECODE_NANOS.sum();
    }

    private static void requireClean(String fileName, List<Diagnostic> diagnostics) {
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalStateException(fileName + ": " + firstError(diagnostics));
        }
    }

    private static String firstError(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).findFirst()
                .map(d -> d.span().line() + ":" + d.span().column() + ": " + d.message()).orElse("no definition");
    }
}
