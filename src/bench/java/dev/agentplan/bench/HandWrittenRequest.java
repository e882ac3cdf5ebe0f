package dev.agentplan.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of the hand-written workflow (and of each of its continue-as-new segments).
 *
 * @param n how many calls (CHAIN, FANOUT, LOOP); FOREACH takes the size of {@code items}
 * @param concurrency the most calls in flight for FOREACH
 * @param items FOREACH's items (null otherwise)
 * @param next LOOP: the iteration to start at (non-zero after a continue-as-new)
 * @param last LOOP: the last result so far
 * @param segment 1 for the first run, +1 per continue-as-new
 */
public record HandWrittenRequest(Shape shape, int n, int concurrency, JsonNode items, int next, long last,
                                 int segment) {

    public static HandWrittenRequest of(Shape shape, int n, int concurrency, JsonNode items) {
        return new HandWrittenRequest(shape, n, concurrency, items, 0, 0, 1);
    }
}
