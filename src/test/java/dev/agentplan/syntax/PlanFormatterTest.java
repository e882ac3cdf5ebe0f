package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Budget;
import dev.agentplan.model.DurationText;
import dev.agentplan.model.Effect;
import dev.agentplan.model.Expr;
import dev.agentplan.model.InputDecl;
import dev.agentplan.model.RetryPolicy;
import dev.agentplan.model.SourceSpan;
import dev.agentplan.model.Step;
import dev.agentplan.model.ToolDecl;
import dev.agentplan.model.ToolPolicy;
import dev.agentplan.model.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlanFormatterTest {

    private static final SourceSpan S = SourceSpan.NONE;

    private static String fmt(String text) {
        return PlanFormatter.format(PlanText.parse("t.agent", text));
    }

    /** format(parse(format(parse(x)))) == format(parse(x)) and the model survives. */
    private static String assertStable(String text) {
        AgentDefinition model = Plans.parse(text);
        String once = fmt(text);
        AgentDefinition reparsed = Plans.parse(once);
        assertEquals(model, reparsed);
        assertEquals(once, fmt(once));
        return once;
    }

    @Test
    void canonicalTextOfTheBriefsExample() {
        String expected = """
                # comments start with '#'; newlines are ordinary white space
                agent incident_triage "Triage an alert; restart only with a human's approval"

                input {
                  alert_id: string "the alert id"
                  service: string = "checkout"
                }

                tools {
                  defaults { timeout 30s  retry { attempts 3  backoff 1s..30s } }
                  logs = http { timeout 30s  retry { attempts 5  backoff 1s..1m  coefficient 2  non_retryable ["NotFound"] } }
                  ticket = http { timeout 20s  effect write  idempotent }
                  restart = exec { timeout 5m  heartbeat 30s  effect irreversible  approval required  queue "ops" }
                }

                budget { tool_calls 20  steps 100  duration 1d  cost 5 }

                evidence = logs(url: "https://logs.example/${input.service}?alert=${input.alert_id}")
                if evidence.body.severity == "high" {
                  issue = ticket(
                    method: "POST",
                    url: "https://tracker.example/issues",
                    body: { title: "Incident ${input.alert_id}" },
                  )
                    key "ticket-${input.alert_id}"
                    undo ticket(method: "DELETE", url: "https://tracker.example/issues/${issue.body.key}")
                  approve restart_ok { ask "Restart ${input.service}?"  approvers ["alice", "bob"]  timeout 4h }
                  restart(argv: ["systemctl", "restart", input.service])
                } else if evidence.body.severity == "low" {
                  wait 10m
                } else {
                  fail "unknown severity"
                }
                for each url in evidence.body.links parallel 4 {
                  page = logs(url: url)
                }
                while length(pending) > 0 max 50 {
                  set pending = []
                }
                results = parallel first {
                  lane a {
                    r = logs(url: "a")
                  }
                  lane b {
                    r = logs(url: "b")
                  }
                }
                ci = await signal "ci_finished" { timeout 2h  on_timeout continue }
                try {
                  x = logs(url: "u")
                } catch HttpError, Timeout as err {
                  set x = null
                } finally {
                  wait 1s
                }
                report = run research@prod(topic: input.service)

                output {
                  ticket: issue.body.key
                  ok: true
                }
                """;
        String source = Plans.resource("incident_triage.agent");
        assertEquals(expected, fmt(source));
        assertStable(source);
    }

    @ParameterizedTest
    @CsvSource({
        "90m, 1h30m",
        "1500ms, 1s500ms",
        "24h, 1d",
        "36h, 1d12h",
        "0s, 0s",
        "61s, 1m1s",
        "30m90m, 2h",
        "1d1h1m1s1ms, 1d1h1m1s1ms",
    })
    void durationsAreNormalised(String written, String canonical) {
        assertEquals("agent t\n\nwait " + canonical + "\n", fmt("agent t wait " + written));
        assertEquals(canonical, DurationText.format(DurationText.parse(written).duration()));
    }

    @Test
    void optionsAndHeaderBlocksComeInAFixedOrder() {
        String text = "agent t budget { cost 1.50 steps 3 } tools { t = http { queue \"q\" approval none idempotent"
                + " effect read retry { non_retryable [\"A\"] coefficient 2.0 backoff 1s attempts 2 } heartbeat 1s"
                + " schedule_to_close 1m timeout 2s } defaults { effect write } } input { b: number a: string }";
        assertEquals("""
                agent t

                input {
                  b: number
                  a: string
                }

                tools {
                  defaults { effect write }
                  t = http { timeout 2s  schedule_to_close 1m  heartbeat 1s  retry { attempts 2  backoff 1s  coefficient 2  non_retryable ["A"] }  effect read  idempotent  approval none  queue "q" }
                }

                budget { steps 3  cost 1.5 }
                """, fmt(text));
        assertStable(text);
    }

    @Test
    void argumentsBreakOnePerLineOnlyWhenTooLong() {
        String shortCall = "agent t x = f(a: 1, b: \"two\")";
        assertEquals("agent t\n\nx = f(a: 1, b: \"two\")\n", fmt(shortCall));
        String longValue = "y".repeat(80);
        String nested = "agent t if c { for each i in items { x = f(a: \"" + longValue + "\", b: 2) } }";
        assertEquals("agent t\n\n"
                + "if c {\n"
                + "  for each i in items {\n"
                + "    x = f(\n"
                + "      a: \"" + longValue + "\",\n"
                + "      b: 2,\n"
                + "    )\n"
                + "  }\n"
                + "}\n", fmt(nested));
        assertStable(nested);
        String exactly100 = "x = f(a: \"" + "z".repeat(100 - "x = f(a: \"\")".length()) + "\")";
        assertEquals(100, exactly100.length());
        assertEquals("agent t\n\n" + exactly100 + "\n", fmt("agent t " + exactly100));
    }

    @Test
    void longApprovalsUseOneOptionPerLine() {
        String prompt = "p".repeat(90);
        String out = fmt("agent t approve go { on_timeout approve  timeout 1h  ask \"" + prompt + "\" }");
        assertEquals("agent t\n\napprove go {\n  ask \"" + prompt + "\"\n  timeout 1h\n  on_timeout approve\n}\n", out);
        assertStable(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "agent t",
        "agent t \"d\" input { a: any = { k: [1, -2.5, null, true] } }",
        "agent t tools { t = echo } x = t()",
        "agent t try { } catch { } catch A { } catch as e { } catch A, B as e { fail e.message }",
        "agent t x = parallel { lane a { } } y = parallel first { lane b { wait 1s } }",
        "agent t await signal \"s\" await signal \"t\" { timeout 1m } v = await signal \"u\" { on_timeout fail }",
        "agent t approve a { } approve b { approvers [\"x\"] on_timeout reject }",
        "agent t if a { } else if b { } else if c { set x = 1 } else { wait 1s }",
        "agent t while !(a && b) || c max 3 { set i = i + 1 } for each x in [1, 2] { }",
        "agent t run other() run other@2(a: 1) r = run other@tag(\"content-type\": \"x\")",
        "agent t x = f(a: -(1 + 2) * 3 % 4 - -5, b: \"\\\"quoted\\\" \\\\ \\n \\${literal}\", c: h[\"x-y\"][0].z)",
        "agent t x = t() key \"k\" y = t() undo u() z = t(a: 1) key 1 undo u(b: 2)",
        "agent t output { \"x-y\": 1, z: \"${a}${b}\" }",
        "agent t budget { duration 90m }",
        "agent t tools { defaults { idempotent false } }",
    })
    void formattingIsStable(String text) {
        assertStable(text);
    }

    @Test
    void modelsBuiltInCodeSurviveFormatting() {
        Map<String, Expr> args = new LinkedHashMap<>();
        args.put("content-type", new Expr.StringLiteral("a ${not} \\ \"q\"", S));
        args.put("n", new Expr.NumberLiteral(new BigDecimal("-0.000001"), S));
        args.put("p", new Expr.PathExpr("x", List.of(new Expr.Field("weird key"), new Expr.Index(
                new Expr.NumberLiteral(BigDecimal.ONE, S))), S));
        args.put("t", new Expr.TemplateExpr(List.of(new Expr.StringLiteral("a", S),
                new Expr.PathExpr("y", List.of(), S)), S));
        Map<String, Expr> output = new LinkedHashMap<>();
        output.put("not a word", new Expr.BooleanLiteral(false, S));
        AgentDefinition m = new AgentDefinition("built", "described \"here\"",
                List.of(new InputDecl("i", ValueType.OBJECT, new Expr.ObjectExpr(Map.of("k", new Expr.NullLiteral(S)),
                        S), "an \"object\"", S)),
                new ToolPolicy(null, null, null, new RetryPolicy(null, null, 1.25, null, List.of("X")), null, false,
                        ApprovalRequirement.NONE, null),
                List.of(new ToolDecl("t", "llm.chat", new ToolPolicy(Duration.ofMillis(1), null, null, null,
                        Effect.IRREVERSIBLE, null, ApprovalRequirement.DEFAULT, "q"), S)),
                new Budget(null, null, Duration.ofDays(3), new BigDecimal("0.25"), S),
                List.of(new Step.CallStep("r", new Step.ToolCall("t", args, S), null, null, S),
                        new Step.AwaitSignalStep(null, "sig \"nal\"", null, Step.SignalTimeout.FAIL, S)),
                output, S);
        String text = PlanFormatter.format(m);
        AgentDefinition back = Plans.parse(text);
        assertEquals(m, back);
        assertEquals(text, PlanFormatter.format(back));
        assertTrue(text.contains("\"content-type\": \"a \\${not} \\\\ \\\"q\\\"\""), text);
    }
}
