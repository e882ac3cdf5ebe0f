package dev.agentplan.repository;

import java.time.Instant;

/**
 * One immutable version of an agent.
 *
 * @param sha256 hex SHA-256 of the canonical JSON: the version's content identity
 * @param message the deploy message, or null
 * @param noOp true when a deploy found this content already stored and created nothing
 */
public record DeployedVersion(
        String name,
        int version,
        String sha256,
        Instant deployedAt,
        String author,
        String message,
        boolean noOp) {

    /** {@code name@version}, the ref that names exactly this version. */
    public String ref() {
        return name + "@" + version;
    }

    DeployedVersion asNoOp() {
        return new DeployedVersion(name, version, sha256, deployedAt, author, message, true);
    }
}
