package dev.agentplan.model;

/** A plan-local tool name bound to a registered tool kind ({@code http}, {@code exec}, …) with its policy. */
public record ToolDecl(String name, String kind, ToolPolicy policy, SourceSpan span) {

    public ToolDecl {
        policy = policy == null ? ToolPolicy.EMPTY : policy;
    }
}
