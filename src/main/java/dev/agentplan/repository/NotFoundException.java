package dev.agentplan.repository;

/** The agent, version or tag asked for does not exist (as opposed to a corrupt repository). */
public class NotFoundException extends RepositoryException {

    public NotFoundException(String message) {
        super(message);
    }
}
