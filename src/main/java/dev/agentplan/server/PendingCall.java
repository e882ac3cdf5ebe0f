package dev.agentplan.server;

import java.time.Instant;

/**
 * A tool call the server holds for a run right now (DescribeWorkflowExecution's pending
 * activities): during a retry backoff it says which attempt comes next, why the last one failed
 * and when the next one starts.
 *
 * @param activityType the tool kind (activity type)
 * @param state {@code scheduled}, {@code started} or {@code cancel_requested}
 * @param attempt the attempt running or due next (1 = the first)
 * @param maximumAttempts 0 when unlimited
 * @param lastFailure the failure of the attempt before, {@code Type: message}; null when none
 * @param nextAttemptAt when the next attempt starts, during a backoff; else null
 */
public record PendingCall(String activityType, String state, int attempt, int maximumAttempts, String lastFailure,
                          Instant nextAttemptAt) {
}
