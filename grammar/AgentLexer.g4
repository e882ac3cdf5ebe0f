/*
 * Lexer of the .agent plan language. Newlines are plain white space: a statement ends where its
 * grammar ends, so a plan can be wrapped freely. Strings switch into STR mode so that "${…}"
 * interpolations can hold any expression, including nested strings and objects.
 */
lexer grammar AgentLexer;

// Characters the language does not know go to their own channel: the reader reports each run of
// them once ("unexpected character") and the parser never sees them, so they cause no cascade.
channels { ERRORS }

// A line end inside "${…}": the interpolation (and its string) end there; see onNewline().
tokens { INTERP_UNTERMINATED }

@members {
    /** For each pushed mode: whether the push opened a "${" interpolation (not a '{' or a string). */
    private final java.util.ArrayDeque<Boolean> interpolations = new java.util.ArrayDeque<>();
    /** How many of the pushed modes are interpolations (kept so the check per line end is cheap). */
    private int openInterpolations;

    @Override
    public void pushMode(int m) {
        boolean interpolation = "${".equals(getText());
        interpolations.push(interpolation);
        if (interpolation) {
            openInterpolations++;
        }
        super.pushMode(m);
    }

    /** An unbalanced '}' must not crash the lexer: stay in the default mode and let the parser report it. */
    @Override
    public int popMode() {
        if (_modeStack.isEmpty()) {
            return DEFAULT_MODE;
        }
        if (interpolations.pop()) {
            openInterpolations--;
        }
        return super.popMode();
    }

    /**
     * A string that is not closed on its line ends there, together with every string and
     * interpolation it is nested in, so the next line is read as code again.
     */
    private void abandonStrings() {
        popMode();
        while (!interpolations.isEmpty() && interpolations.peek()) {
            popMode();
            popMode();
        }
    }

    /**
     * A string, with its interpolations, must close on its own line: a line end inside "${…}"
     * ends the interpolation and the string around it, and becomes an INTERP_UNTERMINATED token
     * on the ERRORS channel for the reader to report. Anywhere else a line end is white space.
     */
    private void onNewline() {
        if (openInterpolations == 0) {
            skip();
            return;
        }
        while (openInterpolations > 0) {
            popMode();
        }
        popMode();
        setType(INTERP_UNTERMINATED);
        setChannel(ERRORS);
    }
}

// Hard keywords: they start statements or blocks and cannot be used as names.
AGENT    : 'agent';
INPUT    : 'input';
TOOLS    : 'tools';
BUDGET   : 'budget';
OUTPUT   : 'output';
IF       : 'if';
ELSE     : 'else';
FOR      : 'for';
WHILE    : 'while';
PARALLEL : 'parallel';
WAIT     : 'wait';
AWAIT    : 'await';
APPROVE  : 'approve';
SET      : 'set';
TRY      : 'try';
CATCH    : 'catch';
FINALLY  : 'finally';
FAIL     : 'fail';
ASSERT   : 'assert';
RUN      : 'run';
TRUE     : 'true';
FALSE    : 'false';
NULL     : 'null';

// Soft keywords: meaningful only in their block, usable as names everywhere else (see rule `name`).
EACH              : 'each';
IN                : 'in';
MAX               : 'max';
LANE              : 'lane';
ALL               : 'all';
FIRST             : 'first';
SIGNAL            : 'signal';
AS                : 'as';
KEY               : 'key';
UNDO              : 'undo';
DEFAULTS          : 'defaults';
TIMEOUT           : 'timeout';
SCHEDULE_TO_CLOSE : 'schedule_to_close';
SCHEDULE_TO_START : 'schedule_to_start';
HEARTBEAT         : 'heartbeat';
RETRY             : 'retry';
ATTEMPTS          : 'attempts';
BACKOFF           : 'backoff';
COEFFICIENT       : 'coefficient';
JITTER            : 'jitter';
NON_RETRYABLE     : 'non_retryable';
EFFECT            : 'effect';
READ              : 'read';
WRITE             : 'write';
IRREVERSIBLE      : 'irreversible';
IDEMPOTENT        : 'idempotent';
APPROVAL          : 'approval';
REQUIRED          : 'required';
NONE              : 'none';
QUEUE             : 'queue';
TOOL_CALLS        : 'tool_calls';
STEPS             : 'steps';
DURATION_KW       : 'duration';
COST              : 'cost';
ASK               : 'ask';
APPROVERS         : 'approvers';
ON_TIMEOUT        : 'on_timeout';
REJECT            : 'reject';
CONTINUE          : 'continue';
ON                : 'on';
UPDATE            : 'update';
LEAVE             : 'leave';
// MCP servers (`fs = mcp { command [...] }`, `web = mcp { url "…"  headers { … } }`).
COMMAND           : 'command';
URL               : 'url';
HEADERS           : 'headers';
ENV               : 'env';
TOOL              : 'tool';
// The model loop (`r = loop MODEL { … }`) and budget prices (`price "MODEL" { … }`).
LOOP              : 'loop';
PRICE             : 'price';

// A duration is one or more number+unit pairs: 500ms, 30s, 5m, 1h30m, 2d.
DURATION : ([0-9]+ ('ms' | 's' | 'm' | 'h' | 'd'))+;
NUMBER   : [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?;
// A number run into letters (30sec, 1h30, 1.5s, 12abc): one token, so the reader can say what is wrong with it.
BAD_NUMBER : [0-9]+ ('.' [0-9]+)? [a-zA-Z_] [a-zA-Z0-9_]*;
IDENT    : [a-zA-Z_] [a-zA-Z0-9_]*;

LBRACE   : '{' -> pushMode(DEFAULT_MODE);
RBRACE   : '}' -> popMode;
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
COLON    : ':';
DOTDOT   : '..';
DOT      : '.';
AT       : '@';
EQ       : '==';
NE       : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
AND      : '&&';
OR       : '||';
NOT      : '!';
ASSIGN   : '=';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
SLASH    : '/';
PERCENT  : '%';

DQUOTE   : '"' -> pushMode(STR);

COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN);
WS       : [ \t\f]+ -> skip;
NEWLINE  : [\r\n] { onNewline(); };

// Anything else is one bad character; the parser reports it in the user's words.
BAD_CHAR : . -> channel(ERRORS);

mode STR;
STR_TEXT        : (~["\\$\r\n] | '\\' ~[\r\n])+;
STR_DOLLAR      : '$' -> type(STR_TEXT);
INTERP_OPEN     : '${' -> pushMode(DEFAULT_MODE);
STR_END         : '"' -> popMode;
// A string must close on its own line; the parser turns this token into "string not closed".
STR_UNTERMINATED: '\\'? [\r\n] { abandonStrings(); };
