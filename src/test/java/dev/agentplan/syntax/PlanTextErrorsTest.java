package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors: exact messages in the user's words, positions, codes, hints, and no cascades. */
class PlanTextErrorsTest {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        agent a⏎tools {⏎  logs = http { timeout 30s }⏎                | 4:1 AP002 expected `}` to close the `tools` block opened at line 2
        agent a⏎tools {⏎  logs = http { timout 30s effect write }⏎}⏎ | 3:17 AP003 unknown tool option `timout`; expected one of timeout, schedule_to_close, schedule_to_start, heartbeat, retry, effect, idempotent, approval, queue
        agent a⏎x = f(a: "abc)⏎y = g()⏎                              | 2:10 AP004 string is not closed before the end of the line
        agent a⏎wait 30⏎                                              | 2:6 AP007 a duration needs a unit, like 30s, 5m or 2h
        agent a⏎x = f(a: 1 § 2)⏎                                      | 2:12 AP005 unexpected character `§`
        ''                                                            | 1:1 AP022 the file has no plan in it
        agent a⏎tools {⏎  a = http { timeout 30s⏎  b = http { }⏎}⏎   | 4:3 AP002 expected `}` to close the options of tool `a` opened at line 3
        agent a⏎x = f(a: 1⏎y = g()⏎                                   | 3:1 AP002 expected `)` to close the arguments of `f(` opened at line 2
        agent a⏎x = 5⏎                                                | 2:5 AP001 expected a tool call, `parallel`, `await signal` or `run` after `x =`, but found `5`
        agent a⏎if x {⏎  y = f()⏎                                     | 4:1 AP002 expected `}` to close the `if` block opened at line 2
        agent a⏎x = f()⏎tools { }⏎                                    | 3:1 AP021 the `tools` block must come before the first statement
        agent a⏎output { a: 1 }⏎x = f()⏎                              | 3:1 AP021 nothing may follow the `output` block, but found `x`
        agent a⏎wait 30sec⏎                                           | 2:6 AP007 `30sec` is not a duration
        agent a⏎input { x: strng }⏎                                   | 2:12 AP011 unknown type `strng`
        agent a⏎tools { a = http { retry { attemps 3 } } }⏎          | 2:28 AP003 unknown retry option `attemps`; expected one of attempts, backoff, coefficient, jitter, non_retryable
        agent a⏎tools { a = http { effect writ } }⏎                  | 2:27 AP001 expected `read`, `write` or `irreversible`, but found `writ`
        agent a⏎x = f(a: "${y")⏎                                      | 2:11 AP002 the `${` interpolation is not closed before the end of the line
        agent a⏎if x { } else if {⏎ z = g()⏎}⏎                        | 2:18 AP001 expected a condition after `else if`, but found `{`
        agent a⏎x = f(a: 1))⏎                                         | 2:12 AP001 unexpected `)`: nothing is open here
        agent a⏎x = f(a: [1, 2)⏎                                      | 2:15 AP002 expected `]` to close the list opened at column 10, but found `)`
        agent a⏎x = run other@1.5(a: 1)⏎                             | 2:15 AP009 a version must be a whole number, not 1.5
        agent a⏎x = f(a: 12abc)⏎                                      | 2:10 AP010 `12abc` is not a number
        agent a⏎x = f(b: 5m)⏎                                         | 2:10 AP020 a duration like `5m` is not a value
        agent a⏎tools { timeout 30s }⏎                                | 2:17 AP001 `timeout` is a tool option, not a tool
        agent a⏎agent b "again"⏎wait 1s⏎                              | 2:1 AP021 only one `agent` line is allowed, at the top of the file
        x = f()⏎                                                      | 1:1 AP001 a plan starts with `agent <name>`, not `x`
        agent a⏎extra x⏎                                              | 2:7 AP001 expected `=` or `(` after `extra`, but found `x`
        agent a⏎for x in xs { }⏎                                      | 2:5 AP001 expected `each`, but found `x`
        agent a⏎x = f(a: "a\\qb")⏎                                    | 2:12 AP006 unknown escape `\\q` in a string
        agent a⏎await signal "s${x}"⏎                                 | 2:16 AP012 a signal name must be plain text without ${…}
        agent a⏎x = f(a: 1, a: 2)⏎                                    | 2:13 AP014 the argument `a` is given twice
        agent a⏎input { }⏎input { }⏎                                  | 3:1 AP015 the `input` block is given twice
        agent a⏎budget { steps 1  steps 2 }⏎                          | 2:19 AP013 `steps` is given twice in the `budget` block
        agent a⏎while x max 0.5 { }⏎                                  | 2:13 AP009 `max` must be a whole number, not 0.5
        agent a⏎wait 1.5h⏎                                            | 2:6 AP007 `1.5h` is not a duration
        agent a⏎wait 99999999999999d⏎                                 | 2:6 AP008 this duration is too long
        agent a⏎set x = ⏎set y = 2⏎                                   | 3:1 AP001 expected an expression, but found `set`
        agent a⏎x = f(a: "abc⏎                                        | 2:10 AP004 string is not closed before the end of the line
        agent a⏎x = f(a: "abc                                         | 2:10 AP004 string is not closed before the end of the file
        """)
    void oneErrorInTheUsersWords(String input, String expected) {
        List<String> errors = Plans.errors(input.replace("⏎", "\n"));
        assertEquals(List.of(expected), errors);
    }

    @Test
    void everyErrorHasAHint() {
        ParseResult r = PlanText.parse("t.agent", "agent a\ntools { a = http { timout 1s } }\nwait 30\n");
        assertEquals(2, r.diagnostics().size());
        assertEquals("did you mean `timeout`?", r.diagnostics().get(0).hint());
        assertEquals("write `30s` for 30 seconds; the units are ms, s, m, h and d", r.diagnostics().get(1).hint());
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(d.isError());
            assertNotNull(d.hint());
            assertEquals("t.agent", d.span().file());
        }
        assertEquals("t.agent:2:20: error[AP003]: unknown tool option `timout`; expected one of timeout, "
                + "schedule_to_close, schedule_to_start, heartbeat, retry, effect, idempotent, approval, queue",
                r.diagnostics().get(0).headline());
    }

    @Test
    void reportsEveryErrorOfAFileOnce() {
        String text = String.join("\n",
                "agent a",
                "tools {",
                "  logs = http { timout 30s }",
                "  t = http { effect writ }",
                "}",
                "budget { steps 1.5 }",
                "x = logs(url: \"a\" \"b\")",
                "wait 5",
                "y = f(a: 1",
                "z = g()",
                "set q = 1 +",
                "set w = 2",
                "v = 7",
                "");
        assertEquals(List.of(
                "3:17 AP003 unknown tool option `timout`; expected one of timeout, schedule_to_close, schedule_to_start, heartbeat, "
                        + "retry, effect, idempotent, approval, queue",
                "4:21 AP001 expected `read`, `write` or `irreversible`, but found `writ`",
                "6:16 AP009 `steps` must be a whole number, not 1.5",
                "7:19 AP001 expected `)`, `,` or an operator, but found a string",
                "8:6 AP007 a duration needs a unit, like 30s, 5m or 2h",
                "10:1 AP002 expected `)` to close the arguments of `f(` opened at line 9",
                "12:1 AP001 expected an expression, but found `set`",
                "13:5 AP001 expected a tool call, `parallel`, `await signal` or `run` after `v =`, but found `7`"),
                Plans.errors(text));
    }

    @Test
    void syntaxErrorsMeanNoModelButValueErrorsKeepIt() {
        ParseResult syntax = PlanText.parse("t.agent", "agent a\nx = f(\n");
        assertNull(syntax.definition());
        assertTrue(syntax.hasErrors());
        ParseResult value = PlanText.parse("t.agent", "agent a\nwait 5\n");
        assertNotNull(value.definition());
        assertTrue(value.hasErrors());
    }

    @Test
    void errorsInsideExpressionTextAreRelativeToTheText() {
        ExpressionSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(ExpressionSyntaxException.class,
                () -> ExpressionText.parse("a &&\n  (b ||", dev.agentplan.model.SourceSpan.NONE));
        assertEquals("the text ends inside the parenthesis opened at column 3; expected an expression", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(8, e.column());
    }
}
