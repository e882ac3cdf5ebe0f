package dev.agentplan.runtime;

/** The error types the interpreter itself raises (tools add their own, such as {@code HttpError}). */
final class ErrorTypes {

    static final String PLAN_FAILED = "PlanFailed";
    static final String ASSERTION_FAILED = "AssertionFailed";
    static final String APPROVAL_REJECTED = "ApprovalRejected";
    static final String APPROVAL_TIMEOUT = "ApprovalTimeout";
    static final String SIGNAL_TIMEOUT = "SignalTimeout";
    static final String BUDGET_EXCEEDED = "BudgetExceeded";
    static final String LOOP_BOUND_EXCEEDED = "LoopBoundExceeded";
    /** A model loop reached its {@code max_turns} without a final answer. */
    static final String MAX_TURNS_EXCEEDED = "MaxTurnsExceeded";
    /** A model loop's task holds a secret reference (a backstop of validation code AP165). */
    static final String SECRET_IN_PROMPT = "SecretInPrompt";
    static final String EXPRESSION_ERROR = "ExpressionError";
    /** An expression went over a limit of {@code Limits} ({@code dev.agentplan.runtime.eval.LimitExceeded}). */
    static final String LIMIT_EXCEEDED = "LimitExceeded";
    /** A value that would travel through Temporal (inputs, arguments, state, output) is over its payload limit. */
    static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    static final String TOOL_ERROR = "ToolError";
    static final String TIMEOUT = "Timeout";
    static final String INVALID_INPUT = "InvalidInput";
    static final String INVALID_DEFINITION = "InvalidDefinition";
    static final String CHILD_RUN_FAILED = "ChildRunFailed";
    static final String CANCELLED = "Cancelled";
    static final String INTERNAL_ERROR = "InternalError";
    /** An approval-required call (or compensation) that no person's approval covers: it was not run. */
    static final String APPROVAL_MISSING = "ApprovalMissing";

    private ErrorTypes() {
    }
}
