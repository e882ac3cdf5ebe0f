/**
 * Semantic diff of plans: {@link dev.agentplan.repository.diff.PlanDiff#compare} compares two
 * models (never text) and gives a {@link dev.agentplan.repository.diff.DiffReport} with changes,
 * risks and, for every step of the old plan, whether a run paused there can continue under the
 * new one. {@link dev.agentplan.repository.diff.DeployedDiff} does the same for deployed refs.
 */
package dev.agentplan.repository.diff;
