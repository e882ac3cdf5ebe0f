package dev.agentplan.validate.flow;

/** Why control goes along an edge. */
public enum EdgeLabel {
    NEXT(""),
    THEN("then"),
    ELSE("else"),
    /** Into the body of a loop. */
    LOOP("loop"),
    /** From the end of a loop body back to its head. */
    BACK("back"),
    /** Out of a loop once it has no more items (or its condition is false). */
    DONE("done"),
    /** From a parallel step into one of its lanes. */
    LANE("lane"),
    CATCH("catch"),
    FINALLY("finally"),
    TIMEOUT("timeout"),
    APPROVED("approved"),
    REJECTED("rejected"),
    /** A step failed (an error raised inside a try), or an error leaves a finally body again. */
    ERROR("error"),
    /** A `fail` step. */
    FAIL("fail"),
    /** An event of an `on … leave` handler ends its block early. */
    LEAVE("on event");

    public final String text;

    EdgeLabel(String text) {
        this.text = text;
    }
}
