package dev.agentplan.model;

/**
 * The names of nested bodies, defined once. They are durable identity: step paths
 * ({@code 3/then/2}), resume cursors and derived idempotency keys are built from them, so a
 * spelling here may never change for a construct that exists.
 */
public final class BodyNames {

    /** The first branch of an {@code if}. */
    public static final String THEN = "then";
    /** The body of an {@code if} when no branch matched. */
    public static final String ELSE = "else";
    /** The body of a loop or a handler block. */
    public static final String BODY = "body";
    /** The protected body of a {@code try}. */
    public static final String TRY = "try";
    /** The {@code finally} body of a {@code try}. */
    public static final String FINALLY = "finally";

    private BodyNames() {
    }

    /** Branch {@code index} (0-based) of an {@code if} with {@code branches} conditions; {@code index == branches} is the else body. */
    public static String branch(int index, int branches) {
        return index == branches ? ELSE : index == 0 ? THEN : "elif" + index;
    }

    /** Catch clause {@code index} (0-based): {@code catch1}, {@code catch2}, … */
    public static String catchClause(int index) {
        return "catch" + (index + 1);
    }

    /** The body of the lane named {@code lane}. */
    public static String lane(String lane) {
        return "lane:" + lane;
    }
}
