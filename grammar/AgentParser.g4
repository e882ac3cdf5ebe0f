/*
 * Grammar of the .agent plan language. The AST builder (dev.agentplan.syntax) turns a parse tree
 * into the model; semantic checks live in dev.agentplan.validate, not here.
 */
parser grammar AgentParser;

options { tokenVocab = AgentLexer; }

agentFile
    : AGENT name description=string? header* statement* outputBlock? EOF
    ;

// Entry point used for expressions written as text in the JSON form.
expressionOnly
    : expr EOF
    ;

// The text of a JSON-form template string ("Incident ${id}") is split by ExpressionText, which
// parses each interpolation with expressionOnly.

header
    : inputBlock
    | toolsBlock
    | budgetBlock
    | handlerDecl
    ;

// An intent handler: in the header it holds for the whole run; as a statement, for its block.
handlerDecl
    : ON kind=(SIGNAL | UPDATE) event=string (AS variable=name COLON type=name (ASSIGN defaultValue=expr)?)?
    ;

inputBlock
    : INPUT LBRACE (inputDecl COMMA?)* RBRACE
    ;

inputDecl
    : name COLON type=name (ASSIGN defaultValue=expr)? description=string?
    ;

toolsBlock
    : TOOLS LBRACE (toolDefaults | toolDecl)* RBRACE
    ;

toolDefaults
    : DEFAULTS LBRACE toolOption* RBRACE
    ;

toolDecl
    : name ASSIGN toolKind (LBRACE toolOption* RBRACE)?
    ;

toolKind
    : (name | FAIL) (DOT name)*
    ;

toolOption
    : TIMEOUT duration                                   # timeoutOption
    | SCHEDULE_TO_CLOSE duration                         # scheduleToCloseOption
    | SCHEDULE_TO_START duration                         # scheduleToStartOption
    | HEARTBEAT duration                                 # heartbeatOption
    | RETRY LBRACE retryOption* RBRACE                   # retryBlock
    | EFFECT effect=(READ | WRITE | IRREVERSIBLE)        # effectOption
    | IDEMPOTENT value=(TRUE | FALSE)?                   # idempotentOption
    | APPROVAL requirement=(REQUIRED | NONE)             # approvalOption
    | QUEUE string                                       # queueOption
    // The transport and per-tool policies of an MCP server (kind `mcp`); other kinds reject them.
    | COMMAND LBRACK (expr (COMMA expr)* COMMA?)? RBRACK # commandOption
    | ENV LBRACE (objectField (COMMA objectField)* COMMA?)? RBRACE # envOption
    | URL expr                                           # urlOption
    | HEADERS LBRACE (objectField (COMMA objectField)* COMMA?)? RBRACE # headersOption
    | TOOL mcpToolName LBRACE toolOption* RBRACE         # mcpToolOption
    ;

// A tool of an MCP server as the server names it: a word, words joined by '-' with nothing
// between them (get-sum), or any name as a string ("tool.v2").
mcpToolName
    : key (MINUS key)*
    | string
    ;

retryOption
    : ATTEMPTS NUMBER                                    # attemptsOption
    | BACKOFF initial=duration (DOTDOT maximum=duration)? # backoffOption
    | COEFFICIENT NUMBER                                 # coefficientOption
    | JITTER NUMBER PERCENT                              # jitterOption
    | NON_RETRYABLE LBRACK (string (COMMA string)* COMMA?)? RBRACK # nonRetryableOption
    ;

budgetBlock
    : BUDGET LBRACE budgetOption* RBRACE
    ;

budgetOption
    : TOOL_CALLS NUMBER                                  # toolCallsBudget
    | STEPS NUMBER                                       # stepsBudget
    | DURATION_KW duration                               # durationBudget
    | COST NUMBER                                        # costBudget
    | PRICE model=string LBRACE (key NUMBER)* RBRACE     # priceBudget
    ;

outputBlock
    : OUTPUT LBRACE (outputField COMMA?)* RBRACE
    ;

// A name that is not a word ("content-type") is written as a plain string, as in objects.
outputField
    : (key | string) COLON expr
    ;

block
    : LBRACE statement* RBRACE
    ;

statement
    : (bind=name ASSIGN)? toolCall (KEY idempotencyKey=expr)? (UNDO undo=toolCall)?   # callStatement
    | IF branch (ELSE IF branch)* (ELSE block)?                                      # ifStatement
    | FOR EACH name IN items=expr? (PARALLEL NUMBER)? block                          # forEachStatement
    | WHILE condition=expr? (MAX NUMBER)? block                                      # whileStatement
    | (bind=name ASSIGN)? PARALLEL join=(ALL | FIRST)? LBRACE lane* RBRACE          # parallelStatement
    | WAIT duration                                                                  # waitStatement
    | (bind=name ASSIGN)? AWAIT SIGNAL string (LBRACE awaitOption* RBRACE)?         # awaitStatement
    | APPROVE name LBRACE approveOption* RBRACE                                      # approveStatement
    | SET name ASSIGN expr                                                           # setStatement
    | TRY block catchClause* (FINALLY block)?                                        # tryStatement
    | FAIL expr                                                                      # failStatement
    | ASSERT condition=expr (ELSE message=expr)?                                     # assertStatement
    | (bind=name ASSIGN)? RUN agent=name (AT ref=agentRef)? LPAREN arguments? RPAREN # runStatement
    | handlerDecl LEAVE? block                                                       # handleStatement
    | (bind=name ASSIGN)? LOOP model=name LBRACE loopOption* RBRACE                   # loopStatement
    ;

// A model loop's options are words followed by a value (ask, context, tools, max_turns,
// approval_timeout); the reader checks which words and which values.
loopOption
    : key expr
    ;

// The condition is optional here only so that `if { … }` reads as a block with a missing
// condition (reported by the reader) rather than as an object literal that never closes.
branch
    : condition=expr? block
    ;

// `logs(…)` calls a declared tool; `fs.read_file(…)` a tool of the MCP server `fs`.
toolCall
    : name (DOT mcpToolName)? LPAREN arguments? RPAREN
    ;

arguments
    : argument (COMMA argument)* COMMA?
    ;

argument
    : (key | string) COLON expr
    ;

agentRef
    : NUMBER
    | name
    ;

lane
    : LANE name block
    ;

awaitOption
    : TIMEOUT duration                                   # awaitTimeout
    | ON_TIMEOUT action=(FAIL | CONTINUE)                # awaitOnTimeout
    ;

approveOption
    : ASK string                                         # askOption
    | APPROVERS LBRACK (string (COMMA string)* COMMA?)? RBRACK # approversOption
    | TIMEOUT duration                                   # approveTimeout
    | ON_TIMEOUT action=(FAIL | REJECT | APPROVE)        # approveOnTimeout
    ;

catchClause
    : CATCH (name (COMMA name)*)? (AS variable=name)? block
    ;

// A bare number or a malformed duration is accepted here so the reader can report it precisely
// ("a duration needs a unit") without derailing the rest of the parse.
duration
    : DURATION
    | NUMBER
    | BAD_NUMBER
    ;

// ---- expressions, loosest binding first in precedence climbing order (ANTLR: first alternative binds tightest) ----

expr
    : op=(NOT | MINUS) expr                              # unaryExpr
    | expr op=(STAR | SLASH | PERCENT) expr              # mulExpr
    | expr op=(PLUS | MINUS) expr                        # addExpr
    | expr op=(LT | LE | GT | GE) expr                   # compareExpr
    | expr op=(EQ | NE) expr                             # equalityExpr
    | expr op=AND expr                                   # andExpr
    | expr op=OR expr                                    # orExpr
    | primary                                            # primaryExpr
    ;

primary
    : LPAREN expr RPAREN                                 # parenExpr
    | string                                             # stringExpr
    | NUMBER                                             # numberExpr
    | BAD_NUMBER                                         # badNumberExpr
    | DURATION                                           # durationValueExpr
    | (TRUE | FALSE)                                     # booleanExpr
    | NULL                                               # nullExpr
    | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK         # listExpr
    | LBRACE (objectField (COMMA objectField)* COMMA?)? RBRACE # objectExpr
    | IDENT LPAREN (expr (COMMA expr)* COMMA?)? RPAREN   # functionCallExpr
    | pathRoot pathSegment*                              # pathExpr
    ;

pathRoot
    : name
    | INPUT
    ;

pathSegment
    : DOT key                                            # fieldSegment
    | LBRACK expr RBRACK                                 # indexSegment
    ;

objectField
    : (key | string) COLON expr
    ;

string
    : DQUOTE stringPart* (STR_END | STR_UNTERMINATED)
    ;

stringPart
    : STR_TEXT                                           # textPart
    | INTERP_OPEN expr RBRACE                            # interpolationPart
    ;

// A name that binds or refers to something: an identifier or a soft keyword.
name
    : IDENT
    | EACH | IN | MAX | LANE | ALL | FIRST | SIGNAL | AS | KEY | UNDO | DEFAULTS
    | TIMEOUT | SCHEDULE_TO_CLOSE | SCHEDULE_TO_START | HEARTBEAT | RETRY | ATTEMPTS | BACKOFF
    | COEFFICIENT | JITTER
    | NON_RETRYABLE | EFFECT | READ | WRITE | IRREVERSIBLE | IDEMPOTENT | APPROVAL | REQUIRED
    | NONE | QUEUE | TOOL_CALLS | STEPS | DURATION_KW | COST | ASK | APPROVERS | ON_TIMEOUT
    | REJECT | CONTINUE | ON | UPDATE | LEAVE | COMMAND | URL | HEADERS | ENV | TOOL | LOOP | PRICE
    ;

// A key (argument name, object key, field after '.'): any word at all, keywords included.
key
    : name
    | AGENT | INPUT | TOOLS | BUDGET | OUTPUT | IF | ELSE | FOR | WHILE | PARALLEL | WAIT
    | AWAIT | APPROVE | SET | TRY | CATCH | FINALLY | FAIL | ASSERT | RUN | TRUE | FALSE | NULL
    ;
