package dev.agentplan.runtime.api;

/** Who cancelled a run, why and when (workflow time). {@code by} is "temporal" for a server cancellation request. */
public record CancelInfo(String by, String reason, String at) {
}
