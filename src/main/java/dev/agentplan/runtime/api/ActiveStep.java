package dev.agentplan.runtime.api;

/**
 * A step that is running now.
 *
 * @param waitingFor what it waits for ({@code approval restart_ok}, {@code signal ci_finished},
 *     {@code timer until …}, {@code tool logs}), or null
 */
public record ActiveStep(String path, String line, String kind, String iteration, String since, String waitingFor) {
}
