package dev.agentplan.bench;

/**
 * What the hand-written workflow returns.
 *
 * @param value CHAIN: the last value; FANOUT/FOREACH: the sum of the results; LOOP: the last value
 * @param calls how many calls this workflow made (all segments)
 * @param segments how many runs (1 + continue-as-new count)
 */
public record HandWrittenResult(long value, long calls, int segments) {
}
