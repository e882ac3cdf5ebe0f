package dev.agentplan.validate;

import java.util.Locale;

/**
 * Stable codes of the validator's diagnostics: AP1xx names, references and types; AP2xx safety;
 * AP3xx reachability, durations and budgets. A code never changes meaning once published; its
 * messages may be improved. (AP0xx belong to the readers of the text and JSON forms.)
 */
public enum ValidationCodes {
    UNKNOWN_TOOL_KIND("AP101", "a tool is declared with a kind no worker provides"),
    UNDECLARED_TOOL("AP102", "a step calls a tool that is not declared in the tools block"),
    DUPLICATE_INPUT("AP103", "two inputs have the same name"),
    DUPLICATE_TOOL("AP104", "two tools have the same name"),
    DUPLICATE_LANE("AP105", "two lanes of one parallel step have the same name"),
    DUPLICATE_GATE("AP106", "an approval gate has the name of another gate that may run before it in the same run"),
    NAME_CLASH("AP107", "a step result, variable, loop or catch variable is named like a tool, an input or `input`"),
    UNKNOWN_ARGUMENT("AP108", "a call passes an argument its tool's kind does not take"),
    MISSING_ARGUMENT("AP109", "a call leaves out an argument its tool's kind requires"),
    UNKNOWN_FUNCTION("AP110", "an expression calls a function that does not exist"),
    FUNCTION_ARITY("AP111", "a function is called with too few or too many arguments"),
    UNDEFINED_INPUT("AP112", "`input.x` where the plan declares no input x"),
    UNDEFINED_NAME("AP113", "a name that nothing in the plan binds (or a reference where only constants are allowed)"),
    MAYBE_UNSET("AP114", "a name used where some path to it has not bound it yet (use before definition)"),
    OUT_OF_SCOPE("AP115", "a loop variable used outside its loop, or a catch variable outside its catch"),
    UNKNOWN_LANE_VALUE("AP116", "`<bind>.<lane>.<name>` where the parallel step has no such lane or the lane does not set the name"),
    NOT_A_LIST("AP117", "`for each` over a value that is certainly not a list"),
    DEFAULT_TYPE("AP118", "an input's default value does not have the input's type"),
    OPERAND_TYPE("AP119", "an operator, function, field access or index applied to a value of the wrong type"),
    CONDITION_TYPE("AP120", "an `if`, `else if` or `while` condition that is certainly not true or false"),
    ARGUMENT_TYPE("AP121", "a tool argument whose value certainly has the wrong type"),
    UNDO_UNDECLARED("AP122", "an `undo` action calls a tool that is not declared"),
    BAD_AGENT_REF("AP123", "`run` names an agent, version or tag that cannot exist"),
    DUPLICATE_APPROVER("AP124", "an approval gate lists the same approver twice"),
    SHADOWED_NAME("AP125", "a loop or catch variable has the name of a step result, variable or an enclosing loop or catch variable"),
    CHILD_UNKNOWN_INPUT("AP126", "`run child(...)` passes an argument the child's deployed version has no input for"),
    CHILD_MISSING_INPUT("AP127", "`run child(...)` leaves out an input the child's deployed version requires"),
    CHILD_INPUT_TYPE("AP128", "`run child(...)` passes a literal whose type is not the child input's declared type"),
    CHILD_NOT_DEPLOYED("AP129", "`run child@ref(...)` names an agent, version or tag the repository does not have (its inputs are not checked)"),
    SECRET_NAME("AP131", "`secret(...)` without a literal, well-formed secret name"),
    BAD_REDIRECT_POLICY("AP132", "an `http` call's `redirects` or `max_redirects` is not a valid redirect policy"),
    HANDLER_CLASH("AP130", "two handlers of one event whose scopes overlap, one event name both a signal and an update, or an event both handled and taken by `await signal`"),
    HANDLER_VARIABLE_SET("AP134", "a handler's variable is also bound by a step, a loop or catch variable, another handler or named like a tool"),
    HANDLER_DEFAULT_TYPE("AP135", "a handler's default value does not have the handler's declared payload type"),
    HANDLER_NO_EFFECT("AP136", "a handler that binds no variable and does not leave, so its events change nothing"),
    MCP_SERVER_CALLED("AP140", "an MCP server called as if it were one tool (call one of its tools: server.tool(…))"),
    UNKNOWN_MCP_TOOL("AP141", "a call of a tool the MCP server does not have (known from discovery)"),
    UNKNOWN_MCP_ARGUMENT("AP142", "an argument the MCP tool's inputSchema does not list (known from discovery)"),
    MISSING_MCP_ARGUMENT("AP143", "an argument the MCP tool's inputSchema requires is not passed (known from discovery)"),

    WHILE_UNBOUNDED("AP201", "a `while` loop without a `max` bound"),
    WHILE_MAX_ZERO("AP202", "a `while` loop whose `max` is 0, so its body never runs"),
    WHILE_MAX_HUGE("AP203", "a `while` loop whose `max` is over 100000 (a run's history cannot hold that many steps)"),
    APPROVAL_NO_TIMEOUT("AP204", "an approval gate without a timeout"),
    SIGNAL_NO_TIMEOUT("AP205", "an `await signal` without a timeout"),
    WAIT_NOT_POSITIVE("AP206", "a `wait` without a positive duration"),
    TOOL_NO_TIMEOUT("AP207", "a tool without a timeout, and no `defaults { timeout … }` to inherit one from"),
    UNGATED_CALL("AP208", "an irreversible or approval-required tool call reachable on some path without an approval gate before it"),
    WRITE_RETRIED_WITHOUT_KEY("AP209", "a non-idempotent `write` tool retried (attempts > 1) by a call without an explicit `key`"),
    IRREVERSIBLE_RETRIED_WITHOUT_KEY("AP210", "an irreversible, non-idempotent tool retried (attempts > 1) by a call without an explicit `key`"),
    CONCURRENCY_ZERO("AP211", "a parallel `for each` with concurrency 0"),
    CONCURRENCY_TOO_HIGH("AP212", "a parallel `for each` with concurrency above 100"),
    UNDO_NEEDS_APPROVAL("AP213", "an `undo` calls an irreversible or approval-required tool: a compensation runs with no human asked"),
    SET_IN_PARALLEL("AP214", "a `set` inside a parallel lane or parallel `for each` iteration of a variable bound outside it (the change would be lost)"),
    SECRET_NOT_RESOLVED("AP231", "`secret(...)` outside a tool call's arguments, where it stays a reference and is never resolved"),
    MCP_EFFECT_OVERRIDE("AP233", "the plan declares a weaker effect for an MCP tool than the server's annotations give (the plan wins)"),
    CREDENTIAL_IN_CLEAR("AP232", "a credential header or `api_key` written in the plan or taken from an input, so kept in clear in the history"),

    UNREACHABLE("AP301", "a step or catch that no run can reach (for example after a `fail`)"),
    LOOP_MODEL("AP160", "a model loop's model is not a declared llm.chat tool"),
    LOOP_TOOL("AP161", "a model loop allows a tool that is not declared, is named twice, or is its own model"),
    LOOP_MAX_TURNS("AP162", "a model loop without `max_turns`, or with one below 1 or above 100"),
    LOOP_INCOMPLETE("AP163", "a model loop without `ask` (its task) or without any allowed tool"),
    LOOP_PRICE("AP164", "a price without the model loop's `cost` budget, or a negative price"),
    LOOP_SECRET("AP165", "a secret in a model loop's `ask` or `context`: the model would see it and could pass it to any allowed tool"),
    ZERO_DURATION("AP302", "a timeout, deadline or heartbeat of zero"),
    HEARTBEAT_NOT_SHORTER("AP303", "a heartbeat timeout not shorter than the tool's timeout"),
    DEADLINE_SHORTER("AP304", "a `schedule_to_close` deadline shorter than one attempt's timeout"),
    BACKOFF_INVERTED("AP305", "a retry backoff whose first interval is longer than its maximum"),
    BUDGET_ZERO("AP306", "a budget of 0 tool calls, 0 steps or zero duration"),
    BUDGET_TOOL_CALLS("AP307", "every successful run makes more tool calls than the budget's `tool_calls`"),
    WAIT_OVER_BUDGET("AP308", "a `wait` longer than the budget's duration"),
    WAITS_OVER_BUDGET("AP309", "every successful run waits longer in total than the budget's duration"),
    BUDGET_STEPS("AP310", "every successful run takes more steps than the budget's `steps`"),
    RETRY_INVALID("AP311", "a retry policy with fewer than 1 attempt, a backoff coefficient below 1 or a jitter outside 0% to 100%"),
    PLAN_TOO_LARGE("AP312", "a plan with more than 10000 steps: too large for one run's history; flow checks are skipped"),
    DURATION_TOO_LONG("AP313", "a duration over its documented maximum (3650d for waits, budgets, approval and signal timeouts; 365d for tool timeouts and retry backoff)"),
    HISTORY_OVER_LIMITS("AP314", "`validate --bounds`: a parallel step whose worst-case history cannot fit Temporal's limits (51,200 events, 50 MiB) even with continue-as-new"),
    DURATION_BUDGET_BELOW_WORST("AP315", "`validate --bounds`: the budget's duration is shorter than the plan's worst-case duration");

    public final String code;
    public final String meaning;

    ValidationCodes(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public static ValidationCodes byCode(String code) {
        for (ValidationCodes c : values()) {
            if (c.code.equals(code.toUpperCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
