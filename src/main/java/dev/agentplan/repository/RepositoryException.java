package dev.agentplan.repository;

/**
 * A repository problem the user can act on: a bad request, an unknown agent or version, or a
 * corrupt file. The message is one line that names the file or thing and what to do; callers
 * print it as is, never a stack trace.
 */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
