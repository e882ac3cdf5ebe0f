package dev.agentplan.repository;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.StepPaths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where each step of a deployed plan was written: step path ({@link StepPaths}) to 1-based
 * source line. Stored with every version so run status and errors can name the line of a step
 * even when the source file has changed since.
 */
public record SourceMap(Map<String, Integer> lines) {

    public static final SourceMap EMPTY = new SourceMap(Map.of());

    public SourceMap {
        Map<String, Integer> copy = new LinkedHashMap<>();
        if (lines != null) {
            lines.forEach((path, line) -> {
                if (path == null || path.isBlank() || line == null || line < 1) {
                    throw new RepositoryException("invalid source map entry '" + path + "' -> " + line
                            + ": step paths must be non-empty and lines start at 1");
                }
                copy.put(path, line);
            });
        }
        lines = Collections.unmodifiableMap(copy);
    }

    /** The lines of every step whose span is known, in step order. */
    public static SourceMap of(AgentDefinition definition) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        StepPaths.walk(definition.steps(), "", (path, step) -> {
            if (step.span() != null && step.span().isKnown()) {
                lines.put(path, step.span().line());
            }
        });
        return new SourceMap(lines);
    }

    public OptionalInt lineOf(String stepPath) {
        Integer line = lines.get(stepPath);
        return line == null ? OptionalInt.empty() : OptionalInt.of(line);
    }
}
