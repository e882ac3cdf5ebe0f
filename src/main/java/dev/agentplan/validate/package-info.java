/**
 * Semantic validation of plans: {@link dev.agentplan.validate.PlanValidator} runs every check on a
 * parsed {@link dev.agentplan.model.AgentDefinition} and returns diagnostics whose stable codes are
 * listed, with their meaning, in {@link dev.agentplan.validate.ValidationCodes} (AP1xx names,
 * references and types; AP2xx safety; AP3xx reachability, durations and budgets).
 *
 * <p>Rules about names that the runtime and the checks share:
 * <ul>
 * <li>A name (call or child-run result, {@code set} variable, signal payload, approval, parallel
 *     step) may be read only where it is bound on <em>every</em> path to the read (definite
 *     assignment on the control-flow graph). A loop variable exists only inside its loop, a catch
 *     variable only inside its catch.</li>
 * <li>A lane sees every name bound before its parallel step. What a lane binds belongs to that lane:
 *     later steps of the same lane read it by name; after the parallel step it is read through the
 *     step's binding as {@code <bind>.<lane>.<name>} (so {@code hits = parallel all { lane web { r = …
 *     } }} is followed by {@code hits.web.r}). With {@code first}, only the lane that won has its
 *     entry.</li>
 * <li>Approval gates count for safety unless they approve themselves on timeout; a call of a tool
 *     that is irreversible or needs approval must have one on every path before it.</li>
 * </ul>
 * The flow analyses live in {@link dev.agentplan.validate.flow}, which also draws the graph.
 */
package dev.agentplan.validate;
