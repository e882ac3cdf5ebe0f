package dev.agentplan.cli;

import dev.agentplan.repository.Names;
import dev.agentplan.repository.RepositoryException;
import java.security.SecureRandom;

/** Run ids: {@code --id}, or {@code <agent>-<8 random base-36 characters>}. */
final class RunIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private RunIds() {
    }

    static String choose(String requested, String agent) {
        if (requested != null) {
            try {
                return Names.checkRunId(requested);
            } catch (RepositoryException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
        }
        StringBuilder id = new StringBuilder(agent).append('-');
        for (int i = 0; i < 8; i++) {
            id.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        }
        return id.toString();
    }
}
