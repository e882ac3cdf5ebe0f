package dev.agentplan.repository;

import java.nio.file.Path;

/**
 * One damaged part of a repository, as {@code agentplan repo check} reports it.
 *
 * @param kind what is damaged: version, tag log, tag head, run index or layout
 * @param file the file or directory concerned
 * @param message one line naming the file, the problem and a remedy
 */
public record RepositoryProblem(String kind, Path file, String message) {
}
