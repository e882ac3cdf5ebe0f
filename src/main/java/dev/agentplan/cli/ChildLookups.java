package dev.agentplan.cli;

import dev.agentplan.repository.FileDefinitionRepository;
import dev.agentplan.repository.RepositoryException;
import dev.agentplan.validate.ChildRunChecks;

/** Child runs are checked against the definitions deployed in a repository. */
final class ChildLookups {

    private ChildLookups() {
    }

    static ChildRunChecks.Lookup of(FileDefinitionRepository repo) {
        return (agent, ref) -> {
            try {
                return repo.resolve(ref == null ? agent : agent + "@" + ref).plan();
            } catch (RepositoryException e) { // not found, or damaged: either way nothing to check against
                throw new ChildRunChecks.NotDeployed(e.getMessage());
            }
        };
    }
}
