package dev.agentplan.runtime;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The production {@link PlanDecoder}: the canonical JSON codec without its schema check (the
 * compiler checked the text before it was pinned), memoised by the exact JSON text.
 * Decoding is a pure function of the text, so sharing results between workflow instances (and
 * replays) cannot change what any run computes; it only spares re-parsing the same version.
 */
public final class JsonPlanDecoder implements PlanDecoder {

    private static final int CACHED = 128;

    private final Map<String, AgentDefinition> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AgentDefinition> eldest) {
            return size() > CACHED;
        }
    };

    @Override
    public AgentDefinition decode(String fileName, String canonicalJson) {
        synchronized (cache) {
            AgentDefinition cached = cache.get(canonicalJson);
            if (cached != null) {
                return cached;
            }
        }
        ParseResult result = JsonPlanCodec.decodeTrusted(fileName, canonicalJson);
        if (result.hasErrors()) {
            String first = result.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                    .map(Diagnostic::headline).orElse("no definition");
            throw new IllegalArgumentException(first);
        }
        synchronized (cache) {
            cache.put(canonicalJson, result.definition());
        }
        return result.definition();
    }
}
