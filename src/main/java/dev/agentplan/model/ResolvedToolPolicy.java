package dev.agentplan.model;

import java.time.Duration;
import java.util.List;

/**
 * How calls of one tool really run: its {@link ToolPolicy} after inheriting the plan's
 * {@code tools { defaults { … } }} ({@link AgentDefinition#effectivePolicy}) and then agentplan's
 * built-in defaults below, with nothing left unset. The runtime (activity options, jittered
 * delays), the validator (retry rules, worst-case bounds) and the diff read this one record, so
 * they cannot disagree about a default or about what a value means. This is where each meaning is
 * stated:
 *
 * @param timeout start-to-close timeout of one attempt; always positive. Unset means
 *     {@link #DEFAULT_TIMEOUT}; {@code timeout 0} (or negative) is a validation error (AP302) and,
 *     should it reach a worker anyway, also means the default
 * @param scheduleToClose the deadline of the whole call, all attempts and delays included; null for
 *     none. Unset means none; 0 is a validation error (AP302) and otherwise also means none
 * @param scheduleToStart how long a call may wait for a worker of its task queue; null for no
 *     limit. Unset and 0 as for {@code scheduleToClose}
 * @param heartbeat heartbeat timeout; null for none. Unset and 0 as for {@code scheduleToClose}
 * @param maxAttempts the most attempts one call makes, the first included; at least 1, never
 *     unlimited. Unset means {@link #DEFAULT_MAX_ATTEMPTS}; {@code attempts 0} (or negative) is a
 *     validation error (AP311: it "allows no attempt at all") and, should it reach a worker anyway, means 1
 * @param explicitAttempts the attempts the plan wrote (the tool's own or its defaults'), or null
 *     when {@code maxAttempts} is the built-in default; for messages that say where a count came from
 * @param initialInterval the delay after the first failed attempt; always positive. Unset or 0
 *     means {@link #DEFAULT_INITIAL_INTERVAL}
 * @param backoffCoefficient how much each delay grows; at least 1. Unset means
 *     {@link #DEFAULT_BACKOFF_COEFFICIENT}; below 1 is a validation error (AP311) and otherwise means 1
 * @param maxInterval the longest delay between attempts; never shorter than {@code initialInterval}.
 *     Unset or 0 means {@link #DEFAULT_MAX_INTERVAL_FACTOR} times {@code initialInterval}
 * @param jitterPercent how far each delay may move either way, in percent of itself, 0 to 100.
 *     Unset means 0 (no jitter); outside 0 to 100 is a validation error (AP311) and otherwise clamped
 * @param nonRetryable error types that end the call at once; empty when none
 * @param taskQueue the task queue of the workers that run the tool; null for the run's own
 * @param given the effective policy this was resolved from (the plan's values, nulls for unset)
 */
public record ResolvedToolPolicy(
        Duration timeout,
        Duration scheduleToClose,
        Duration scheduleToStart,
        Duration heartbeat,
        int maxAttempts,
        Integer explicitAttempts,
        Duration initialInterval,
        double backoffCoefficient,
        Duration maxInterval,
        double jitterPercent,
        List<String> nonRetryable,
        String taskQueue,
        ToolPolicy given) {

    /** Start-to-close timeout of one attempt when neither the tool nor the plan's defaults say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /** Retries are always bounded: Temporal's own default (0) would retry forever. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** The first retry delay when unset (Temporal's server default too). */
    public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);

    /** The backoff coefficient when unset (Temporal's server default too). */
    public static final double DEFAULT_BACKOFF_COEFFICIENT = 2.0;

    /** The longest retry delay when unset, as a multiple of the first (Temporal's server default too). */
    public static final int DEFAULT_MAX_INTERVAL_FACTOR = 100;

    /** Resolves a tool's effective policy (null: a tool that says nothing). */
    public static ResolvedToolPolicy of(ToolPolicy effective) {
        ToolPolicy p = effective == null ? ToolPolicy.EMPTY : effective;
        RetryPolicy r = p.retry() == null ? RetryPolicy.EMPTY : p.retry();
        Duration initial = positive(r.initialInterval()) ? r.initialInterval() : DEFAULT_INITIAL_INTERVAL;
        Duration max = positive(r.maxInterval())
                ? (r.maxInterval().compareTo(initial) < 0 ? initial : r.maxInterval())
                : initial.multipliedBy(DEFAULT_MAX_INTERVAL_FACTOR);
        return new ResolvedToolPolicy(
                positive(p.timeout()) ? p.timeout() : DEFAULT_TIMEOUT,
                positiveOrNull(p.scheduleToClose()),
                positiveOrNull(p.scheduleToStart()),
                positiveOrNull(p.heartbeat()),
                r.maxAttempts() == null ? DEFAULT_MAX_ATTEMPTS : Math.max(1, r.maxAttempts()),
                r.maxAttempts(),
                initial,
                r.backoffCoefficient() == null ? DEFAULT_BACKOFF_COEFFICIENT : Math.max(1.0, r.backoffCoefficient()),
                max,
                r.jitterPercent() == null ? 0 : Math.max(0, Math.min(100, r.jitterPercent())),
                r.nonRetryable(),
                p.taskQueue() == null || p.taskQueue().isBlank() ? null : p.taskQueue(),
                p);
    }

    /** The resolved policy of a declared tool in {@code plan}. */
    public static ResolvedToolPolicy of(AgentDefinition plan, ToolDecl tool) {
        return of(plan.effectivePolicy(tool));
    }

    private static Duration positiveOrNull(Duration d) {
        return positive(d) ? d : null;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
