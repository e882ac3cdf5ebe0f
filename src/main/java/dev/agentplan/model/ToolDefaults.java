package dev.agentplan.model;

import java.time.Duration;

/**
 * What a tool call runs with when neither the tool nor the plan's {@code defaults} say: the one
 * copy the runtime (activity options, jittered delays) and the validator (retry rules, worst-case
 * bounds) both read, so they cannot disagree.
 */
public final class ToolDefaults {

    /** Start-to-close timeout of one attempt. */
    public static final Duration TIMEOUT = Duration.ofMinutes(1);

    /** Retries are always bounded: Temporal's own default (0) would retry forever. */
    public static final int MAX_ATTEMPTS = 3;

    /** Temporal's first retry interval when the policy leaves it unset. */
    public static final Duration INITIAL_INTERVAL = Duration.ofSeconds(1);

    /** Temporal's backoff coefficient when the policy leaves it unset. */
    public static final double BACKOFF_COEFFICIENT = 2.0;

    /** Temporal's maximum retry interval when unset: this many times the first interval. */
    public static final int MAX_INTERVAL_FACTOR = 100;

    private ToolDefaults() {
    }
}
