package dev.agentplan.repository;

import java.time.Instant;

/**
 * One entry of an agent's append-only tag history: {@code tag} was pointed at version {@code to}.
 *
 * @param from the version the tag pointed at before, or null when the tag is new
 * @param by who moved it
 */
public record TagMove(String agent, String tag, Integer from, int to, String by, Instant at) {

    /** True for a request that found the tag already on that version (nothing was recorded). */
    public boolean unchanged() {
        return from != null && from == to;
    }
}
