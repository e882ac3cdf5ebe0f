package dev.agentplan.runtime.tools;

import dev.agentplan.model.ToolKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The tool kinds a worker can run: the built-ins (assembled by {@code builtin.BuiltinTools}, which
 * depends on this package, never the reverse) plus every {@link Tool} found with
 * {@link ServiceLoader} (so adding a jar to the worker's classpath adds its tools). Two tools
 * with the same kind name are an error, not a silent override.
 */
public final class ToolRegistry {

    /** What a plan can write as a tool kind: dotted identifiers such as {@code llm.chat}. */
    private static final Pattern KIND_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private final Map<String, Tool> tools;

    private ToolRegistry(Map<String, Tool> tools) {
        this.tools = Collections.unmodifiableMap(tools);
    }

    /**
     * {@code first} (the built-ins, which live in a package above this one) plus the tools
     * {@code loader} provides through {@code META-INF/services}.
     */
    public static ToolRegistry withDiscoveredTools(Collection<? extends Tool> first, ClassLoader loader) {
        List<Tool> all = new ArrayList<>(first);
        try {
            for (Tool tool : ServiceLoader.load(Tool.class, loader)) {
                all.add(tool);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load a tool plugin: " + e.getMessage(), e);
        }
        return of(all);
    }

    /** Exactly these tools. */
    public static ToolRegistry of(Collection<? extends Tool> tools) {
        Map<String, Tool> byKind = new LinkedHashMap<>();
        for (Tool tool : tools) {
            ToolKind kind = tool.kind();
            String name = kind == null ? null : kind.name();
            if (name == null || !KIND_NAME.matcher(name).matches()) {
                throw new IllegalStateException("tool " + tool.getClass().getName()
                        + " has an invalid kind name '" + name + "' (use dotted identifiers such as llm.chat)");
            }
            Tool previous = byKind.putIfAbsent(name, tool);
            if (previous != null) {
                throw new IllegalStateException("tool kind '" + name + "' is provided twice: by "
                        + previous.getClass().getName() + " and by " + tool.getClass().getName());
            }
        }
        return new ToolRegistry(byKind);
    }

    /** Every kind, built-ins first, in registration order. */
    public Collection<ToolKind> kinds() {
        List<ToolKind> kinds = new ArrayList<>();
        for (Tool tool : tools.values()) {
            kinds.add(tool.kind());
        }
        return Collections.unmodifiableList(kinds);
    }

    /** The tool of that kind, or null when this worker has none. */
    public Tool get(String kind) {
        return kind == null ? null : tools.get(kind);
    }

    public boolean contains(String kind) {
        return get(kind) != null;
    }

    /** Closes the tools that hold resources (MCP sessions); the registry is not used afterwards. */
    public void close() {
        for (Tool tool : tools.values()) {
            if (tool instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down: one tool failing to close must not keep the others open
                }
            }
        }
    }
}
