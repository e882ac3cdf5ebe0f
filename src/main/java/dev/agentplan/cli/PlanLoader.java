package dev.agentplan.cli;

import dev.agentplan.compile.CompiledPlan;
import dev.agentplan.compile.PlanCompiler;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.validate.ChildRunChecks;
import dev.agentplan.validate.PlanValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a plan file (.agent or JSON) and runs every check on it: syntax, schema, semantics. */
final class PlanLoader {

    record Loaded(Path path, String text, AgentDefinition definition, List<Diagnostic> diagnostics,
                  boolean parsedCleanly) {

        boolean hasErrors() {
            return definition == null || diagnostics.stream().anyMatch(Diagnostic::isError);
        }

        long count(Diagnostic.Severity severity) {
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }

        /** With more findings (of a pass run after validation), in source order. */
        Loaded with(List<Diagnostic> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            all.addAll(more);
            all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().column()));
            return new Loaded(path, text, definition, List.copyOf(all), parsedCleanly);
        }

        /** With its child runs checked against deployed definitions (only for a plan that parsed cleanly). */
        Loaded withChildRuns(ChildRunChecks.Lookup lookup) {
            if (definition == null || !parsedCleanly) {
                return this;
            }
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            all.addAll(ChildRunChecks.check(definition, lookup));
            all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().column()));
            return new Loaded(path, text, definition, List.copyOf(all), true);
        }
    }

    private PlanLoader() {
    }

    static Loaded load(Path path, PlanValidator validator) {
        // MCP tools fetched earlier are added before the checks, so they are checked offline
        CompiledPlan compiled = new PlanCompiler(validator).compile(path, d -> McpDiscoveries.withCache(path, d));
        return new Loaded(path, textOf(path), compiled.definition(), compiled.diagnostics(), compiled.parsedCleanly());
    }

    /** The text shown under diagnostics; undecodable bytes become U+FFFD, a missing file null. */
    static String textOf(Path path) {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > 64L * 1024 * 1024) {
                return null;
            }
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
