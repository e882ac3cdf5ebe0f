package dev.agentplan.repository;

import java.util.List;

/**
 * What a full check of a repository found.
 *
 * @param problems damage: files that fail verification or are missing
 * @param warnings things that are ignored or will be fixed by the next write (stray files, a tag
 *     log or run index not yet anchored)
 */
public record RepositoryReport(List<RepositoryProblem> problems, List<String> warnings) {

    public boolean clean() {
        return problems.isEmpty();
    }
}
