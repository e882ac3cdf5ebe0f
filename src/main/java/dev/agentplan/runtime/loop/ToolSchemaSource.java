package dev.agentplan.runtime.loop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;

/**
 * Where a model loop gets the argument schema of a tool it offers the model: what is sent as the
 * function's {@code parameters}, and what the model's arguments are checked against before a
 * call runs. Plan-declared tools describe themselves through their kind ({@link KindToolSchemas});
 * a source of discovered schemas (an MCP server's {@code inputSchema}) plugs in as another one.
 * Runs in workflow code: an implementation must be pure and deterministic (no I/O).
 */
public interface ToolSchemaSource {

    /** A JSON schema (type object) of the tool's arguments, or null when this source does not know the tool. */
    ObjectNode parameters(ToolDecl decl, ToolKind kind);

    /** What the tool does, for the model, or null. */
    String description(ToolDecl decl, ToolKind kind);

    /** This source first, {@code fallback} for the tools it does not know. */
    default ToolSchemaSource orElse(ToolSchemaSource fallback) {
        ToolSchemaSource first = this;
        return new ToolSchemaSource() {
            @Override
            public ObjectNode parameters(ToolDecl decl, ToolKind kind) {
                ObjectNode p = first.parameters(decl, kind);
                return p != null ? p : fallback.parameters(decl, kind);
            }

            @Override
            public String description(ToolDecl decl, ToolKind kind) {
                String d = first.description(decl, kind);
                return d != null ? d : fallback.description(decl, kind);
            }
        };
    }
}
