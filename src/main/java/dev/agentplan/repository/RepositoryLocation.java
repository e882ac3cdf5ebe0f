package dev.agentplan.repository;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded repository lives: the {@code --repo} option, else the environment variable
 * {@code AGENTPLAN_HOME}, else {@code .agentplan} in the user's home directory.
 */
public final class RepositoryLocation {

    public static final String HOME_VARIABLE = "AGENTPLAN_HOME";
    public static final String DEFAULT_DIRECTORY = ".agentplan";

    private RepositoryLocation() {
    }

    /** The repository root for this process: option, environment, then the user's home. */
    public static Path resolve(String repoOption) {
        return resolve(repoOption, System.getenv(), System.getProperty("user.home"));
    }

    /** The same rule with the environment and home directory given (for tests and embedding). */
    public static Path resolve(String repoOption, Map<String, String> environment, String userHome) {
        if (isSet(repoOption)) {
            return toPath(repoOption, "--repo");
        }
        String fromEnvironment = environment.get(HOME_VARIABLE);
        if (isSet(fromEnvironment)) {
            return toPath(fromEnvironment, HOME_VARIABLE);
        }
        if (!isSet(userHome)) {
            throw new RepositoryException("cannot find the home directory for the repository; "
                    + "pass --repo <dir> or set " + HOME_VARIABLE);
        }
        return toPath(userHome, "user.home").resolve(DEFAULT_DIRECTORY);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static Path toPath(String value, String source) {
        try {
            return Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new RepositoryException("the repository directory '" + value + "' from " + source
                    + " is not a valid path: " + e.getReason());
        }
    }
}
