package dev.agentplan.validate.flow;

/** What a node of the control-flow graph stands for. */
public enum NodeKind {
    /** Where every run starts. */
    ENTRY,
    /** The successful end of a run (the output block is evaluated here). */
    EXIT,
    /** The run failed: an uncaught error, a `fail`, a rejected approval, a timeout that fails. */
    FAILURE,
    /** A tool call step. */
    CALL,
    /** A child run of another agent. */
    RUN,
    SET,
    WAIT,
    AWAIT,
    /** An approval gate: the run goes on only when a human approves. */
    APPROVE,
    FAIL,
    /** A check that fails the run unless its condition holds. */
    ASSERT,
    /** The first condition of an `if` step. */
    IF,
    /** The condition of an `else if` branch. */
    ELSE_IF,
    /** The head of a `for each` loop: its body runs once per item, zero or more times. */
    FOR_EACH,
    /** The head of a `while` loop, where its condition is tested before every iteration. */
    WHILE,
    /** A parallel step starting its lanes. */
    FORK,
    /** Where the lanes of a parallel step meet again ({@code all}: every lane finished; {@code first}: one did). */
    JOIN,
    /** A try step: its body follows. */
    TRY,
    /** An error raised in a try body arrives here and goes to the first catch that matches. */
    HANDLER,
    /** The start of one catch clause. */
    CATCH,
    /** The start of a finally body (one copy for normal completion, one for errors). */
    FINALLY,
    /** An `on signal|update … { … }` block: binds the handler's variable, then its body follows. */
    HANDLE,
    /**
     * A model loop: its model chooses calls of the allowed tools at run time; a call of one that
     * needs approval waits for a person's decision then, so the loop is its own gate.
     */
    MODEL_LOOP;

    /** Whether the node is one statement of the plan, as opposed to a marker of structure. */
    public boolean isStatement() {
        return switch (this) {
            case CALL, RUN, SET, WAIT, AWAIT, APPROVE, FAIL, ASSERT, IF, FOR_EACH, WHILE, FORK, TRY, HANDLE, MODEL_LOOP -> true;
            default -> false;
        };
    }
}
