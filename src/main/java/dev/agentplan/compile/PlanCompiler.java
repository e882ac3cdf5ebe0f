package dev.agentplan.compile;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.syntax.json.PlanSources;
import dev.agentplan.validate.PlanValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one way from a plan file (.agent or JSON) to a {@link CompiledPlan}: parse (syntax and, for
 * JSON, the schema), then the semantic checks on a plan that parsed cleanly (on a broken one they
 * would mostly echo the parse errors), then the canonical JSON a deploy stores and a run pins.
 */
public final class PlanCompiler {

    private final PlanValidator validator;

    public PlanCompiler(PlanValidator validator) {
        this.validator = validator;
    }

    public CompiledPlan compile(Path file) {
        return compile(file, UnaryOperator.identity());
    }

    /**
     * @param beforeChecks applied to a cleanly parsed definition before the semantic checks (the
     *                     CLI adds MCP tools it discovered earlier, so they are checked offline)
     */
    public CompiledPlan compile(Path file, UnaryOperator<AgentDefinition> beforeChecks) {
        return finish(file.toString(), PlanSources.read(file), beforeChecks);
    }

    /** Compiles text given in memory; {@code fileName}'s extension (or the content) tells the form. */
    public CompiledPlan compile(String fileName, String text) {
        return finish(fileName, PlanSources.parse(fileName, text.getBytes(StandardCharsets.UTF_8)),
                UnaryOperator.identity());
    }

    private CompiledPlan finish(String fileName, ParseResult parsed, UnaryOperator<AgentDefinition> beforeChecks) {
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        AgentDefinition definition = parsed.definition();
        boolean clean = !parsed.hasErrors();
        if (clean) {
            definition = beforeChecks.apply(definition);
            all.addAll(validator.validate(definition));
        }
        boolean errors = definition == null || all.stream().anyMatch(Diagnostic::isError);
        String json = errors ? null : JsonPlanCodec.encode(definition);
        return new CompiledPlan(fileName, definition, json, json == null ? null : sha256(json), all, clean);
    }

    /** Lower-case hex SHA-256 of the UTF-8 text: the identity a repository gives a version. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
