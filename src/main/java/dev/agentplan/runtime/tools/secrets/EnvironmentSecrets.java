package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.runtime.tools.WorkerConfig;
import java.util.Optional;

/**
 * Secrets from the worker's environment: {@code secret("GITHUB_TOKEN")} reads
 * {@code AGENTPLAN_SECRET_GITHUB_TOKEN} (a {@code -D} property of that name first). The prefix
 * keeps the rest of the worker's environment out of a plan's reach.
 */
public final class EnvironmentSecrets implements SecretSource {

    public static final String PREFIX = "AGENTPLAN_SECRET_";

    @Override
    public String describe(String name, WorkerConfig config) {
        return "the environment variable " + PREFIX + name;
    }

    @Override
    public Optional<String> lookup(String name, WorkerConfig config) {
        String value = config.raw(PREFIX + name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
