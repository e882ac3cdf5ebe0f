package dev.agentplan.server;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Sha256;
import dev.agentplan.repository.SourceMap;
import dev.agentplan.repository.StoredDefinition;
import dev.agentplan.runtime.api.PinnedDefinition;
import dev.agentplan.syntax.json.JsonPlanCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link PinnedDefinition} a run carries in its start input: canonical JSON, sha256, step lines. */
public final class Pins {

    /** The version number of a plan run straight from a file, never deployed. */
    public static final int NOT_DEPLOYED = 0;

    private Pins() {
    }

    /** A deployed version. */
    public static PinnedDefinition of(StoredDefinition stored) {
        String file = stored.sourceFileName() == null ? stored.version().ref() : stored.sourceFileName();
        return new PinnedDefinition(stored.name(), stored.version().version(), stored.sha256(), stored.canonicalJson(),
                file, lines(file, stored.sourceMap()));
    }

    /** A plan read from {@code fileName} that was not deployed (version {@value #NOT_DEPLOYED}). */
    public static PinnedDefinition ofFile(String fileName, AgentDefinition definition) {
        String json = JsonPlanCodec.encode(definition);
        return new PinnedDefinition(definition.name(), NOT_DEPLOYED, Sha256.of(json), json, fileName,
                lines(fileName, SourceMap.of(definition)));
    }

    private static Map<String, String> lines(String file, SourceMap map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.lines().forEach((path, line) -> out.put(path, file + ":" + line));
        return out;
    }
}
