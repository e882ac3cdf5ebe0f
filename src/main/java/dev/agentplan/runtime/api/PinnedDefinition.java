package dev.agentplan.runtime.api;

import java.util.Map;

/**
 * The exact definition a run executes, carried in the run's own history (its start input), so a
 * later deploy of the same agent never changes a run in flight.
 *
 * @param sha256 the hex SHA-256 the repository identifies this version by
 * @param canonicalJson the definition in the canonical JSON form
 * @param sourceFile the {@code .agent} file it was deployed from
 * @param sourceLines step path ({@code "3/then/2"}) to {@code "file.agent:LINE"}, for status and errors
 */
public record PinnedDefinition(
        String name,
        int version,
        String sha256,
        String canonicalJson,
        String sourceFile,
        Map<String, String> sourceLines) {

    public PinnedDefinition {
        sourceLines = sourceLines == null ? Map.of() : sourceLines;
    }
}
