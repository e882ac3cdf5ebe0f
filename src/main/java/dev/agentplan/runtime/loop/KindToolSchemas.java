package dev.agentplan.runtime.loop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolKind;
import dev.agentplan.model.ValueType;

/** The argument schema of a plan-declared tool, from its kind's declared arguments. */
public final class KindToolSchemas implements ToolSchemaSource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public ObjectNode parameters(ToolDecl decl, ToolKind kind) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        if (kind == null) {
            return schema;
        }
        ArrayNode required = NODES.arrayNode();
        for (ToolKind.Argument a : kind.arguments()) {
            if (a.name().equals("accept_truncated") || a.name().equals("api_key")) {
                continue; // the worker's business, not the model's
            }
            ObjectNode p = properties.putObject(a.name());
            String type = jsonType(a.type());
            if (type != null) {
                p.put("type", type);
            }
            if (a.help() != null) {
                p.put("description", a.help());
            }
            if (a.required()) {
                required.add(a.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        if (!kind.openArguments()) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    @Override
    public String description(ToolDecl decl, ToolKind kind) {
        return kind == null ? null : kind.description();
    }

    private static String jsonType(ValueType t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case LIST -> "array";
            default -> null;
        };
    }
}
