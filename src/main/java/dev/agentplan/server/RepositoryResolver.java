package dev.agentplan.server;

import dev.agentplan.repository.DefinitionRepository;
import dev.agentplan.repository.NotFoundException;
import dev.agentplan.runtime.DefinitionResolver;
import dev.agentplan.runtime.api.PinnedDefinition;

/** Child runs ({@code run agent@ref(…)}) find their definitions in the definition repository. */
public final class RepositoryResolver implements DefinitionResolver {

    private final DefinitionRepository repository;

    public RepositoryResolver(DefinitionRepository repository) {
        this.repository = repository;
    }

    @Override
    public PinnedDefinition resolve(String agent, String ref) {
        try {
            return Pins.of(repository.resolve(ref == null ? agent : agent + "@" + ref));
        } catch (NotFoundException e) {
            return null;
        }
    }
}
