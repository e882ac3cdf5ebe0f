package dev.agentplan.validate.flow;

/**
 * A possible transfer of control.
 *
 * @param abrupt the source step did not complete (it failed, was rejected or timed out), so the
 *               state along this edge is the state <em>before</em> the source step
 * @param back the edge closes a loop (from the end of a body back to the loop's head)
 * @param lane for edges out of a parallel step into a lane and from a lane's end into the join:
 *             the lane's name; otherwise null
 */
public record FlowEdge(FlowNode from, FlowNode to, EdgeLabel label, boolean abrupt, boolean back, String lane) {
}
