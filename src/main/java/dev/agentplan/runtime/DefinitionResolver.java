package dev.agentplan.runtime;

import dev.agentplan.runtime.api.PinnedDefinition;

/**
 * Finds the deployed definition a {@code run agent@ref(…)} step starts. Runs in an activity
 * ({@code agentplan.resolve}), so it may do I/O; the repository implements it.
 */
public interface DefinitionResolver {

    /**
     * @param ref a version number, a tag, or null for the latest version
     * @return the pinned definition, or null when no such agent or version is deployed
     */
    PinnedDefinition resolve(String agent, String ref);
}
