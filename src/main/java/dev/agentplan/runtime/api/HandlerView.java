package dev.agentplan.runtime.api;

/**
 * A declared intent handler as {@code status} shows it.
 *
 * @param scope {@code plan} for a plan-wide handler, else the path of its block
 * @param active whether an event of it would be applied now
 * @param value the variable's current value, abridged (null when inactive or without variable)
 */
public record HandlerView(String kind, String event, String variable, String type, String scope, String line,
                          boolean leave, boolean active, String value) {
}
