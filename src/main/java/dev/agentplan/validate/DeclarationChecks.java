package dev.agentplan.validate;

import dev.agentplan.model.InputDecl;
import dev.agentplan.model.Suggestions;
import dev.agentplan.model.ToolDecl;
import java.util.HashMap;
import java.util.Map;

/** The plan's declarations: duplicate inputs and tools, tool kinds no worker provides. */
final class DeclarationChecks {

    private final PlanFacts facts;
    private final Findings out;

    DeclarationChecks(PlanFacts facts, Findings out) {
        this.facts = facts;
        this.out = out;
    }

    void run() {
        Map<String, InputDecl> inputs = new HashMap<>();
        for (InputDecl input : facts.definition.inputs()) {
            InputDecl first = inputs.putIfAbsent(input.name(), input);
            if (first != null) {
                out.error(ValidationCodes.DUPLICATE_INPUT, input.span(), "input `" + input.name()
                                + "` is declared twice (first at line " + first.span().line() + ")",
                        "remove one of them, or rename this one");
            }
        }
        McpCallChecks.declarations(facts.definition, out);
        Map<String, ToolDecl> tools = new HashMap<>();
        for (ToolDecl tool : facts.definition.tools()) {
            ToolDecl first = tools.putIfAbsent(tool.name(), tool);
            if (first != null) {
                out.error(ValidationCodes.DUPLICATE_TOOL, tool.span(), "tool `" + tool.name()
                                + "` is declared twice (first at line " + first.span().line() + ")",
                        "remove one of them, or rename this one and the calls meant for it");
            }
            if (!facts.kinds.containsKey(tool.kind())) {
                out.error(ValidationCodes.UNKNOWN_TOOL_KIND, tool.span(), "tool `" + tool.name() + "` has kind `"
                                + tool.kind() + "`, which no worker provides"
                                + Suggestions.didYouMean(tool.kind(), facts.kinds.keySet()),
                        "the kinds are: " + String.join(", ", facts.kinds.keySet().stream().sorted().toList())
                                + " (plugins on the worker's classpath add more)");
            }
        }
    }
}
