package dev.agentplan.runtime.api;

/**
 * One intent event the run received, for status and audit.
 *
 * @param kind {@code signal} or {@code update}
 * @param payload the payload, abridged
 * @param outcome {@code applied …}, {@code buffered …}, {@code ignored: why} or {@code refused: why}
 */
public record IntentRecord(String at, String name, String kind, String by, String payload, String outcome) {
}
