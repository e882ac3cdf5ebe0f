package dev.agentplan.repository;

import dev.agentplan.compile.PinnedPlans;
import dev.agentplan.compile.UnreadablePlanException;
import dev.agentplan.model.AgentDefinition;

/**
 * A version read back from the repository, its checksums verified.
 *
 * @param canonicalJson the canonical JSON exactly as deployed
 * @param sourceText the source the user deployed
 * @param sourceFileName the name of the file the source came from
 */
public record StoredDefinition(
        DeployedVersion version,
        String canonicalJson,
        String sourceText,
        String sourceFileName,
        SourceMap sourceMap) {

    public String name() {
        return version.name();
    }

    public String sha256() {
        return version.sha256();
    }

    /** The plan model, read from the canonical JSON (spans point into {@code name@version}). */
    public AgentDefinition plan() {
        try {
            return PinnedPlans.decode(version.ref(), canonicalJson);
        } catch (UnreadablePlanException e) {
            throw new RepositoryException(e.getMessage());
        }
    }
}
