package dev.agentplan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.ValueType;
import dev.agentplan.runtime.eval.Bindings;
import dev.agentplan.runtime.eval.Evaluator;
import dev.agentplan.runtime.eval.ExpressionError;
import dev.agentplan.runtime.eval.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Checks a run's inputs against the declared ones: known names, types, required ones present; applies defaults. */
final class InputChecker {

    private InputChecker() {
    }

    /** The inputs in declaration order with defaults applied; throws {@code InvalidInput} listing every problem. */
    static ObjectNode check(AgentDefinition def, JsonNode given, Evaluator evaluator) {
        List<String> problems = new ArrayList<>();
        ObjectNode out = Values.NODES.objectNode();
        if (given != null && !given.isNull() && !given.isObject()) {
            throw PlanError.of(ErrorTypes.INVALID_INPUT, "inputs must be an object, got " + Values.typeName(given),
                    "input", "");
        }
        for (InputDecl decl : def.inputs()) {
            JsonNode value = given == null ? null : given.get(decl.name());
            if (Values.isNull(value)) {
                if (decl.required()) {
                    problems.add("missing required input '" + decl.name() + "' (" + decl.type().keyword() + ")");
                    continue;
                }
                try {
                    value = evaluator.evaluate(decl.defaultValue(), Bindings.of(out, Map.of()));
                } catch (ExpressionError e) {
                    problems.add("the default of '" + decl.name() + "' cannot be evaluated: " + e.reason());
                    continue;
                }
            }
            if (!fits(decl.type(), value)) {
                problems.add("input '" + decl.name() + "' must be a " + decl.type().keyword() + ", got "
                        + Values.typeName(value));
                continue;
            }
            out.set(decl.name(), value);
        }
        if (given != null && given.isObject()) {
            Iterator<String> names = given.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (def.input(name) == null) {
                    problems.add("unknown input '" + name + "'" + (def.inputs().isEmpty() ? " (this agent takes no inputs)"
                            : " (declared: " + String.join(", ", def.inputs().stream().map(InputDecl::name).toList()) + ")"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw PlanError.of(ErrorTypes.INVALID_INPUT, "invalid inputs: " + String.join("; ", problems), "input", "");
        }
        return out;
    }

    private static boolean fits(ValueType type, JsonNode v) {
        return switch (type) {
            case STRING -> v.isTextual();
            case NUMBER -> v.isNumber();
            case BOOLEAN -> v.isBoolean();
            case OBJECT -> v.isObject();
            case LIST -> v.isArray();
            case ANY -> true;
        };
    }
}
