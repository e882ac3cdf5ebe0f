package dev.agentplan.repository;

import java.util.List;
import java.util.SortedMap;

/**
 * An agent's versions as found on disk: the intact ones and, by number, why the others cannot be
 * read. Damage stays local: one damaged version does not hide the rest.
 *
 * @param intact the versions that read back verified, oldest first
 * @param damaged the message (file and remedy) of each version that does not
 */
public record VersionScan(List<DeployedVersion> intact, SortedMap<Integer, String> damaged) {

    /** The highest version number in use, damaged ones included (0 when there is none). */
    public int highest() {
        int fromIntact = intact.isEmpty() ? 0 : intact.get(intact.size() - 1).version();
        return damaged.isEmpty() ? fromIntact : Math.max(fromIntact, damaged.lastKey());
    }
}
