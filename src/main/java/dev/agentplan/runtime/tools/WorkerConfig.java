package dev.agentplan.runtime.tools;

import java.util.Map;
import java.util.Optional;

/**
 * Configuration of a worker (endpoints, keys, allow-lists): never part of a plan, so a plan can
 * not point a tool at another endpoint or read a secret. Blank values count as unset.
 */
@FunctionalInterface
public interface WorkerConfig {

    /** The raw value of {@code key}, possibly blank. */
    String raw(String key);

    default Optional<String> get(String key) {
        String value = raw(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** {@code -Dkey=value} system properties first, then environment variables of the same name. */
    static WorkerConfig fromEnvironment() {
        return key -> {
            String property = System.getProperty(key);
            return property != null ? property : System.getenv(key);
        };
    }

    /** Fixed values, for embedding and tests. */
    static WorkerConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return copy::get;
    }
}
