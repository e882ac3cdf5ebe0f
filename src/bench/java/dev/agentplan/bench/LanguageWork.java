package dev.agentplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.Diagnostic;
import dev.agentplan.model.StepPaths;
import dev.agentplan.syntax.ParseResult;
import dev.agentplan.syntax.PlanText;
import dev.agentplan.syntax.json.JsonPlanCodec;
import dev.agentplan.validate.PlanValidator;
import java.util.List;

/**
 * The language benchmark's units of work, shared by the JMH benchmarks and the smoke test:
 * parse + validate a plan from {@code .agent} text or from JSON, and plain Jackson parsing of the
 * same JSON as the floor.
 */
public final class LanguageWork {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** A generated plan in both forms. {@code lines} counts the {@code .agent} form's lines (the same plan). */
    public record Plan(int requestedSteps, int steps, String agentText, String json, int lines) {
    }

    private LanguageWork() {
    }

    public static Plan plan(int steps) {
        String text = PlanGenerator.agentText(steps);
        AgentDefinition def = parseAgent(text, PlanValidator.withBuiltinTools());
        return new Plan(steps, StepPaths.index(def.steps()).size(), text, JsonPlanCodec.encode(def),
                (int) text.lines().count());
    }

    public static AgentDefinition parseAgent(String text, PlanValidator validator) {
        ParseResult parsed = PlanText.parse("generated.agent", text);
        return checked(parsed, validator);
    }

    public static AgentDefinition parseJson(String json, PlanValidator validator) {
        ParseResult parsed = JsonPlanCodec.decode("generated.json", json);
        return checked(parsed, validator);
    }

    public static JsonNode jackson(String json) {
        try {
            return JACKSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static AgentDefinition checked(ParseResult parsed, PlanValidator validator) {
        if (parsed.hasErrors() || parsed.definition() == null) {
            throw new IllegalStateException("the generated plan does not parse: " + first(parsed.diagnostics()));
        }
        List<Diagnostic> found = validator.validate(parsed.definition());
        if (found.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalStateException("the generated plan is invalid: " + first(found));
        }
        return parsed.definition();
    }

    private static String first(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).findFirst().map(Diagnostic::toString).orElse("?");
    }
}
