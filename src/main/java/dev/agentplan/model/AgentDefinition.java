package dev.agentplan.model;

import java.util.List;
import java.util.Map;

/**
 * A whole plan: the one model both the {@code .agent} text and the JSON form parse to.
 *
 * @param description a one-line description, or null
 * @param toolDefaults the policy every tool inherits unset fields from ({@code tools { defaults { … } }})
 * @param output the output block's fields in order; empty when the plan has no output block
 * @param handlers the plan-wide intent handlers ({@code on signal|update …} in the header)
 */
public record AgentDefinition(
        String name,
        String description,
        List<InputDecl> inputs,
        ToolPolicy toolDefaults,
        List<ToolDecl> tools,
        Budget budget,
        List<Step> steps,
        Map<String, Expr> output,
        SourceSpan span,
        List<IntentHandler> handlers) {

    public AgentDefinition(String name, String description, List<InputDecl> inputs, ToolPolicy toolDefaults,
                           List<ToolDecl> tools, Budget budget, List<Step> steps, Map<String, Expr> output,
                           SourceSpan span) {
        this(name, description, inputs, toolDefaults, tools, budget, steps, output, span, List.of());
    }

    public AgentDefinition {
        inputs = Ordered.list(inputs);
        toolDefaults = toolDefaults == null ? ToolPolicy.EMPTY : toolDefaults;
        tools = Ordered.list(tools);
        budget = budget == null ? Budget.UNLIMITED : budget;
        steps = Ordered.list(steps);
        output = Ordered.map(output);
        handlers = Ordered.list(handlers);
    }

    /**
     * The declared tool of that name; for {@code server.tool} where {@code server} is an MCP server,
     * that tool of the server (see {@link ToolDecl#mcpToolDecl}).
     */
    public ToolDecl tool(String name) {
        for (ToolDecl t : tools) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        int dot = name == null ? -1 : name.indexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            for (ToolDecl t : tools) {
                if (t.isMcpServer() && t.name().equals(name.substring(0, dot))) {
                    return t.mcpToolDecl(name.substring(dot + 1));
                }
            }
        }
        return null;
    }

    public InputDecl input(String name) {
        for (InputDecl i : inputs) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** The policy a tool's calls run with: its own, then the plan's defaults. Kind defaults come on top at run time. */
    public ToolPolicy effectivePolicy(ToolDecl tool) {
        return tool.policy().orElse(toolDefaults);
    }
}
