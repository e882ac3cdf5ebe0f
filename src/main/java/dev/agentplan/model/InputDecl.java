package dev.agentplan.model;

/**
 * One typed input of an agent. An input is required unless it has a default.
 *
 * @param defaultValue the default, or null when the input is required
 * @param description a short human description, or null
 */
public record InputDecl(String name, ValueType type, Expr defaultValue, String description, SourceSpan span) {

    public boolean required() {
        return defaultValue == null;
    }
}
