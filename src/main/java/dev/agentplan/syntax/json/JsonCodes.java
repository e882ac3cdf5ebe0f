package dev.agentplan.syntax.json;

/**
 * Diagnostic codes of the JSON form. AP04x: the bytes are not a readable JSON document;
 * AP05x: the document is JSON but not a plan (schema and structure); AP06x: reading the file.
 */
public final class JsonCodes {

    /** Not valid JSON: a bad character, a missing comma or quote, an unclosed bracket, trailing content. */
    public static final String SYNTAX = "AP040";
    /** The document is empty. */
    public static final String EMPTY = "AP041";
    /** An object has the same key twice. */
    public static final String DUPLICATE_KEY = "AP042";
    /** The document goes beyond a limit: nesting depth, size, string or number length. */
    public static final String LIMIT = "AP043";

    /** A property the plan format does not have (often a typo). */
    public static final String UNKNOWN_PROPERTY = "AP050";
    /** A property the plan format needs is missing. */
    public static final String MISSING_PROPERTY = "AP051";
    /** A value has the wrong JSON type (a string where a number belongs, …). */
    public static final String WRONG_TYPE = "AP052";
    /** A value has the right type but is not allowed: a bad duration, name, enum value or number range. */
    public static final String BAD_VALUE = "AP053";
    /** A step object is not exactly one kind of step. */
    public static final String STEP_KIND = "AP054";
    /** Expression or template text inside a JSON string does not parse. */
    public static final String EXPRESSION = "AP055";
    /** Any other way the document does not fit the plan format. */
    public static final String STRUCTURE = "AP056";

    /** The plan file does not exist. */
    public static final String FILE_MISSING = "AP060";
    /** The path is not a regular file (a directory, a device, …). */
    public static final String NOT_A_FILE = "AP061";
    /** The file could not be read (permissions, I/O error). */
    public static final String UNREADABLE = "AP062";
    /** The file is larger than a plan can be. */
    public static final String TOO_LARGE = "AP063";
    /** The file is not UTF-8 text, or its format cannot be told from its name or content. */
    public static final String UNKNOWN_FORMAT = "AP064";

    private JsonCodes() {
    }
}
