package dev.agentplan.runtime.tools;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The names with a value that this configuration can list ({@code AGENTPLAN_*} ones at least),
     * so their credentials can be redacted; empty when it cannot list them.
     */
    default Set<String> names() {
        return Set.of();
    }

    /** {@code -Dkey=value} system properties first, then environment variables of the same name. */
    static WorkerConfig fromEnvironment() {
        return new WorkerConfig() {
            @Override
            public String raw(String key) {
                String property = System.getProperty(key);
                return property != null ? property : System.getenv(key);
            }

            @Override
            public Set<String> names() {
                Set<String> names = new HashSet<>();
                System.getenv().keySet().stream().filter(k -> k.startsWith("AGENTPLAN_")).forEach(names::add);
                System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("AGENTPLAN_"))
                        .forEach(names::add);
                return names;
            }
        };
    }

    /** Fixed values, for embedding and tests. */
    static WorkerConfig of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new WorkerConfig() {
            @Override
            public String raw(String key) {
                return copy.get(key);
            }

            @Override
            public Set<String> names() {
                return copy.keySet();
            }
        };
    }
}
