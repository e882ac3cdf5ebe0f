package dev.agentplan.validate;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.PlanSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reading plans for the tests: the golden corpus, the example plans, parse + validate. */
final class GoldenFiles {

    /** The corpus lives in the source tree so that regenerating writes the files that are committed. */
    static final Path INVALID = Path.of("src/test/resources/dev/agentplan/validate/invalid");
    static final Path DEFINITIONS = Path.of("definitions");
    /** The "deployed" children golden plans' {@code run} steps are checked against: {@code NAME.agent}. */
    static final Path CHILDREN = Path.of("src/test/resources/dev/agentplan/validate/children");

    private GoldenFiles() {
    }

    static List<Path> plans(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".agent") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().endsWith(".test.json")) // plan tests, not plans
                    .filter(p -> !p.toString().endsWith(".mcp-cache.json")) // MCP discovery caches
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a plan by its extension; the file name in spans is the bare name, so expectations do not depend on paths. */
    /** The plan in {@code file}, with the MCP tools cached beside it (as the CLI reads it). */
    static ParseResult parse(Path file) {
        ParseResult parsed = parse(file.getFileName().toString(), read(file));
        if (parsed.definition() == null) {
            return parsed;
        }
        java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
        for (dev.agentplan.model.ToolDecl t : parsed.definition().tools()) {
            if (t.isMcpServer() && t.mcp() != null) {
                declared.put(t.name(), dev.agentplan.runtime.tools.mcp.McpCache.declared(t, dev.agentplan.syntax.ExpressionText::print));
            }
        }
        var cached = dev.agentplan.runtime.tools.mcp.McpCache.read(dev.agentplan.runtime.tools.mcp.McpCache.beside(file), declared);
        return cached.isEmpty() ? parsed : new ParseResult(dev.agentplan.runtime.tools.mcp.McpCache.apply(parsed.definition(), cached),
                parsed.diagnostics(), parsed.comments());
    }

    /** Reads a plan in the form its name says ({@code .agent} text or JSON). */
    static ParseResult parse(String name, String text) {
        return PlanSources.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The reader's diagnostics, then (when there is a model) the validator's and the child-run
     * checks' against {@link #CHILDREN}, in source order.
     */
    static List<Diagnostic> diagnostics(ParseResult parsed) {
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        if (parsed.definition() != null) {
            List<Diagnostic> semantic = new ArrayList<>(PlanValidator.withBuiltinTools().validate(parsed.definition()));
            semantic.addAll(ChildRunChecks.check(parsed.definition(), GoldenFiles::deployedChild));
            semantic.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line())
                    .thenComparingInt(d -> d.span().column()));
            all.addAll(semantic);
        }
        return all;
    }

    /** A child from {@link #CHILDREN}: every ref of NAME is NAME.agent. */
    static AgentDefinition deployedChild(String agent, String ref) throws ChildRunChecks.NotDeployed {
        Path file = CHILDREN.resolve(agent + ".agent");
        if (!Files.exists(file)) {
            throw new ChildRunChecks.NotDeployed("no agent named " + agent + " is deployed");
        }
        return parse(file).definition();
    }
}
