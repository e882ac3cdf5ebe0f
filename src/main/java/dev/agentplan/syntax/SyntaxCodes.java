package dev.agentplan.syntax;

/**
 * Stable codes of the diagnostics the reader of {@code .agent} text reports (AP001–AP099). The code
 * never changes once published; the message may be improved.
 */
public enum SyntaxCodes {
    SYNTAX("AP001", "the text does not follow the grammar: an unexpected or a missing word or symbol"),
    UNCLOSED("AP002", "a block, list, object, call or interpolation is not closed"),
    UNKNOWN_OPTION("AP003", "an option that the block does not have (a misspelt option name)"),
    UNCLOSED_STRING("AP004", "a string is not closed before the end of the line or file"),
    BAD_CHARACTER("AP005", "a character the language does not use"),
    BAD_ESCAPE("AP006", "an unknown escape sequence in a string"),
    BAD_DURATION("AP007", "a duration without a unit or in a wrong form (units: ms, s, m, h, d)"),
    DURATION_TOO_LONG("AP008", "a duration too long to represent"),
    NOT_WHOLE("AP009", "a count that must be a whole number is not (attempts, max, parallel, budget counts)"),
    BAD_NUMBER("AP010", "a malformed number, or one too large or too precise"),
    UNKNOWN_TYPE("AP011", "an input type that does not exist (types: string, number, boolean, object, list, any)"),
    NOT_PLAIN("AP012", "a ${…} interpolation where only a plain string is allowed"),
    DUPLICATE_OPTION("AP013", "the same option given twice in one block"),
    DUPLICATE_KEY("AP014", "the same key twice in one argument list, object or output block"),
    DUPLICATE_BLOCK("AP015", "a header block (input, tools, budget, defaults) given twice"),
    TOO_DEEP("AP016", "brackets, operators or blocks nested deeper than the reader allows"),
    TOO_LARGE("AP017", "a plan file larger than the reader accepts"),
    INVALID_UTF8("AP018", "the file is not valid UTF-8 text"),
    TOO_MANY_ERRORS("AP019", "so many errors that the reader stopped reporting them"),
    DURATION_VALUE("AP020", "a duration written where a value is expected"),
    MISPLACED("AP021", "a header block after the first statement, or something after the output block"),
    EMPTY("AP022", "the file has no plan in it"),
    INTERNAL("AP023", "the reader could not finish (a last-resort guard; please report it)"),
    MCP_SERVER("AP027", "an MCP server declaration without exactly one transport, or an MCP option on another kind");

    public final String code;
    public final String meaning;

    SyntaxCodes(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }
}
