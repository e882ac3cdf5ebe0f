package dev.agentplan.model;

/**
 * The pure functions expressions may call. Validation checks names and arities against this
 * catalogue; the runtime implements each one.
 */
public enum Function {
    LENGTH("length", 1, 1, "length(x): characters of a string, items of a list, keys of an object"),
    CONTAINS("contains", 2, 2, "contains(haystack, needle): substring, list member or object key"),
    LOWER("lower", 1, 1, "lower(s): lower-case"),
    UPPER("upper", 1, 1, "upper(s): upper-case"),
    TRIM("trim", 1, 1, "trim(s): without leading and trailing white space"),
    STARTS_WITH("startsWith", 2, 2, "startsWith(s, prefix)"),
    ENDS_WITH("endsWith", 2, 2, "endsWith(s, suffix)"),
    KEYS("keys", 1, 1, "keys(object): its keys as a list"),
    COALESCE("coalesce", 1, Integer.MAX_VALUE, "coalesce(a, b, …): the first argument that is not null"),
    TO_JSON("toJson", 1, 1, "toJson(x): x as JSON text"),
    FROM_JSON("fromJson", 1, 1, "fromJson(s): JSON text parsed to a value"),
    JOIN("join", 2, 2, "join(list, separator): items as text joined by separator"),
    NOW("now", 0, 0, "now(): the workflow's current time, ISO-8601 (deterministic on replay)"),
    SECRET("secret", 1, 1, "secret(\"NAME\"): a reference to a secret the worker resolves inside a tool call; "
            + "the run never sees the value"),
    RAW("raw", 1, 1, "raw(x): x itself; in an http url template, inserted without percent-encoding");

    public final String functionName;
    public final int minArgs;
    public final int maxArgs;
    public final String help;

    Function(String functionName, int minArgs, int maxArgs, String help) {
        this.functionName = functionName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.help = help;
    }

    public static Function byName(String name) {
        for (Function f : values()) {
            if (f.functionName.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
