/**
 * The control-flow graph of a plan ({@link dev.agentplan.validate.flow.ControlFlowGraph}), the
 * forward dataflow analyses the validator proves its flow rules with (reachability, definite
 * assignment, safety gates passed on every path, least cost of a successful run), counterexample
 * paths for diagnostics, and drawings of the graph as Mermaid or Graphviz DOT
 * ({@link dev.agentplan.validate.flow.FlowRenderer}) for the CLI's {@code graph} command.
 */
package dev.agentplan.validate.flow;
