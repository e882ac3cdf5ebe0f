package dev.agentplan.bench;

/** The kinds of work the runtime benchmark runs, the same way by hand and by the interpreter. */
public enum Shape {
    /** {@code n} echo calls one after another, each using the previous result. */
    CHAIN,
    /** {@code n} echo calls at once ({@code parallel all} with n lanes), then join. */
    FANOUT,
    /** A {@code for each} over {@code n} items with at most {@code concurrency} calls in flight. */
    FOREACH,
    /** A sequential loop of {@code n} calls that continues as new when the server suggests it. */
    LOOP
}
