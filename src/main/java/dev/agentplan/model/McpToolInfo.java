package dev.agentplan.model;

import java.util.List;

/**
 * What an MCP server said about one of its tools when it was discovered ({@code tools/list}):
 * kept in the discovery cache beside the plan, so validation checks calls offline.
 *
 * @param inputSchemaJson the tool's {@code inputSchema} as JSON text (sent to models as the tool's parameters)
 * @param properties the argument names the schema lists
 * @param required the arguments the schema requires
 * @param readOnlyHint the server's annotation, or null when it gave none (likewise the others)
 */
public record McpToolInfo(String name, String description, String inputSchemaJson, List<String> properties,
                          List<String> required, Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint,
                          boolean additionalProperties) {

    public McpToolInfo {
        properties = Ordered.list(properties);
        required = Ordered.list(required);
    }

    /**
     * The policy the annotations give: {@code readOnlyHint} a read, {@code destructiveHint} irreversible
     * (so an approval is needed), {@code idempotentHint} idempotent. Only hints the server gives
     * explicitly count (the protocol's defaults would make every unannotated tool destructive).
     */
    public ToolPolicy annotationPolicy() {
        Effect effect = Boolean.TRUE.equals(readOnlyHint) ? Effect.READ
                : Boolean.TRUE.equals(destructiveHint) ? Effect.IRREVERSIBLE : null;
        Boolean idempotent = Boolean.TRUE.equals(readOnlyHint) || Boolean.TRUE.equals(idempotentHint) ? Boolean.TRUE : null;
        return new ToolPolicy(null, null, null, null, effect, idempotent, ApprovalRequirement.DEFAULT, null, null);
    }
}
