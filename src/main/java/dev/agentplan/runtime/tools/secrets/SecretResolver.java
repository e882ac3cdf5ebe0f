package dev.agentplan.runtime.tools.secrets;

import dev.agentplan.runtime.tools.ToolFailure;
import dev.agentplan.runtime.tools.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The worker's secret sources in resolution order: {@link EnvironmentSecrets}, {@link FileSecrets},
 * then every {@link SecretSource} plugin on the class path. The first source that has a name wins.
 */
public final class SecretResolver {

    /** A secret no source has: a plan or worker set-up error, so never retried. */
    public static final String NOT_FOUND = "SecretNotFound";

    /** A source failed (for example a vault that is unreachable): retried. */
    public static final String UNAVAILABLE = "SecretUnavailable";

    private final List<SecretSource> sources;
    private final WorkerConfig config;

    public SecretResolver(List<SecretSource> sources, WorkerConfig config) {
        this.sources = List.copyOf(sources);
        this.config = config;
    }

    /** The built-in sources plus the plugins the thread's context class loader provides. */
    public static SecretResolver discover(WorkerConfig config) {
        return discover(config, Thread.currentThread().getContextClassLoader());
    }

    /** The built-in sources plus the plugins {@code loader} provides through {@code META-INF/services}. */
    public static SecretResolver discover(WorkerConfig config, ClassLoader loader) {
        List<SecretSource> all = new ArrayList<>(List.of(new EnvironmentSecrets(), new FileSecrets()));
        try {
            for (SecretSource source : ServiceLoader.load(SecretSource.class, loader)) {
                all.add(source);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a secret source plugin: " + e.getMessage(), e);
        }
        return new SecretResolver(all, config);
    }

    public WorkerConfig config() {
        return config;
    }

    /** The value of {@code name}; a typed failure naming the secret (never a value) when no source has it. */
    public String resolve(String name) throws ToolFailure {
        if (!SecretNames.isValid(name)) {
            throw ToolFailure.nonRetryable(NOT_FOUND, "'" + name + "' is not a valid secret name "
                    + "(letters, digits, _ . -, starting with a letter or _)");
        }
        List<String> looked = new ArrayList<>();
        for (SecretSource source : sources) {
            try {
                var value = source.lookup(name, config);
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                throw ToolFailure.retryable(UNAVAILABLE, "secret '" + name + "': the source "
                        + source.getClass().getSimpleName() + " failed (" + e.getClass().getSimpleName() + ")");
            }
            looked.add(source.describe(name, config));
        }
        throw ToolFailure.nonRetryable(NOT_FOUND, "secret '" + name + "' is not defined on this worker (looked in "
                + String.join(", ", looked) + ")");
    }
}
