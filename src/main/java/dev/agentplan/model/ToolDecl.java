package dev.agentplan.model;

/**
 * A plan-local tool name bound to a registered tool kind ({@code http}, {@code exec}, …) with its policy.
 *
 * @param mcp for kind {@code mcp}: the server; else null
 * @param mcpTool for one tool of an MCP server as {@link AgentDefinition#tool} resolves
 *     {@code server.tool}: the server's name for it; null for declarations as written.
 *     Its policy: the plan's {@code tool NAME { … }}, then the server's options, then (after
 *     discovery) the server's annotations; the plan's {@code defaults} and the kind come after.
 */
public record ToolDecl(String name, String kind, ToolPolicy policy, SourceSpan span, McpServer mcp, String mcpTool) {

    /** The kind of an MCP server's declaration. */
    public static final String MCP_KIND = "mcp";

    public ToolDecl {
        policy = policy == null ? ToolPolicy.EMPTY : policy;
    }

    public ToolDecl(String name, String kind, ToolPolicy policy, SourceSpan span) {
        this(name, kind, policy, span, null, null);
    }

    public boolean isMcpServer() {
        return MCP_KIND.equals(kind) && mcpTool == null;
    }

    /**
     * The declaration of one tool of this MCP server: named {@code server.tool}, with the server's
     * policy under the plan's override for that tool ({@code tool NAME { … }}).
     */
    public ToolDecl mcpToolDecl(String tool) {
        McpServer.ToolOverride o = mcp == null ? null : mcp.override(tool);
        ToolPolicy p = o == null ? policy : o.policy().orElse(policy);
        McpToolInfo info = mcp == null || mcp.discovered() == null ? null : mcp.discovered().get(tool);
        if (info != null) {
            p = p.orElse(info.annotationPolicy()); // the plan's word first: an override is visible in the plan
        }
        return new ToolDecl(name + "." + tool, kind, p, o == null ? span : o.span(), mcp, tool);
    }
}
