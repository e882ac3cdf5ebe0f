package dev.agentplan.repository;

import java.util.List;
import java.util.Map;

/**
 * Deployed agent definitions: immutable, numbered versions per agent (1, 2, 3, …), tags that
 * point at versions, and the append-only history of tag moves. Every read verifies checksums;
 * problems surface as {@link RepositoryException} with a one-line message.
 */
public interface DefinitionRepository {

    /**
     * Stores a new version, or returns the existing version with the same sha256 ({@code noOp}).
     * The caller has validated the plan; the repository still refuses malformed requests.
     */
    DeployedVersion deploy(DeployRequest request);

    /** Agent names with at least one version, sorted. */
    List<String> agents();

    /** Every intact version of an agent, oldest first; an unknown agent has none. */
    List<DeployedVersion> versions(String name);

    /** One version with its content. */
    StoredDefinition get(String name, int version);

    /** {@code name} (latest), {@code name@3}, {@code name@prod} or {@code name@latest}. */
    StoredDefinition resolve(String ref);

    /** Points a tag at a version, by the OS user. */
    default TagMove tag(String name, int version, String tag) {
        return tag(name, version, tag, null);
    }

    /** Points (or moves) a tag at a version; {@code by} null means the OS user. */
    TagMove tag(String name, int version, String tag, String by);

    /** The agent's tags and the versions they point at, sorted by tag. */
    Map<String, Integer> tags(String name);

    /** Every tag move of an agent, oldest first. */
    List<TagMove> tagHistory(String name);

    /**
     * Reads and verifies everything; returns one line per problem found (empty when healthy).
     * For a {@code check}-style command; normal reads fail only on the damaged part they need.
     */
    List<String> verify();
}
