package dev.agentplan.runtime.api;

/** Who asks to cancel a run and why ({@code cancel} update or signal). */
public record CancelRequest(String by, String reason) {
}
