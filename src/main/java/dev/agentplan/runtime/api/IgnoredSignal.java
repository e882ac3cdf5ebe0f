package dev.agentplan.runtime.api;

/** A fire-and-forget signal the run could not honour (an invalid decision, a late cancel), kept for audit. */
public record IgnoredSignal(String at, String signal, String reason) {
}
