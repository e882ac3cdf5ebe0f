package dev.agentplan.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentplan.model.AgentDefinition;
import dev.agentplan.model.ApprovalRequirement;
import dev.agentplan.model.Budget;
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

/** One test per construct of the language: the model the reader builds for it. */
class PlanTextConstructsTest {

    private static final SourceSpan S = SourceSpan.NONE;

    private static Expr path(String root, String... fields) {
        return new Expr.PathExpr(root, java.util.Arrays.stream(fields).map(f -> (Expr.PathSegment) new Expr.Field(f))
                .toList(), S);
    }

    private static Expr str(String s) {
        return new Expr.StringLiteral(s, S);
    }

    private static Expr num(long n) {
        return new Expr.NumberLiteral(BigDecimal.valueOf(n), S);
    }

    private static Step.ToolCall call(String tool, Object... keysAndValues) {
        Map<String, Expr> args = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            args.put((String) keysAndValues[i], (Expr) keysAndValues[i + 1]);
        }
        return new Step.ToolCall(tool, args, S);
    }

    private static Step only(String statement) {
        List<Step> steps = Plans.body(statement).steps();
        assertEquals(1, steps.size(), "steps of " + statement);
        return steps.get(0);
    }

    @Test
    void agentLineWithAndWithoutDescription() {
        AgentDefinition d = Plans.parse("agent triage \"what it does\"");
        assertEquals("triage", d.name());
        assertEquals("what it does", d.description());
        assertNull(Plans.parse("agent x").description());
        assertTrue(Plans.parse("agent x").steps().isEmpty());
    }

    @Test
    void inputBlock() {
        AgentDefinition d = Plans.body("input { id: string \"the id\"  n: number = 3, tags: list = [], any_thing: any\n"
                + " ok: boolean = true  o: object = {a: 1} }");
        assertEquals(List.of(
                new InputDecl("id", ValueType.STRING, null, "the id", S),
                new InputDecl("n", ValueType.NUMBER, num(3), null, S),
                new InputDecl("tags", ValueType.LIST, new Expr.ListExpr(List.of(), S), null, S),
                new InputDecl("any_thing", ValueType.ANY, null, null, S),
                new InputDecl("ok", ValueType.BOOLEAN, new Expr.BooleanLiteral(true, S), null, S),
                new InputDecl("o", ValueType.OBJECT, new Expr.ObjectExpr(Map.of("a", num(1)), S), null, S)),
                d.inputs());
        assertTrue(d.input("id").required());
    }

    @Test
    void toolsBlockWithDefaultsAndEveryOption() {
        AgentDefinition d = Plans.body("tools {\n"
                + "  defaults { timeout 30s  retry { attempts 3  backoff 1s..30s } }\n"
                + "  logs = http { timeout 1m  schedule_to_close 10m  heartbeat 5s"
                + "  retry { attempts 5  backoff 500ms  coefficient 1.5  non_retryable [\"NotFound\", \"Bad\"] }"
                + "  effect write  idempotent  approval none  queue \"ops\" }\n"
                + "  ask_llm = llm.chat\n"
                + "  flaky = fail { idempotent false  approval required  effect irreversible }\n"
                + "}");
        assertEquals(new ToolPolicy(Duration.ofSeconds(30), null, null,
                new RetryPolicy(3, Duration.ofSeconds(1), null, Duration.ofSeconds(30), List.of()),
                null, null, null, null), d.toolDefaults());
        assertEquals(new ToolDecl("logs", "http", new ToolPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10),
                Duration.ofSeconds(5), new RetryPolicy(5, Duration.ofMillis(500), 1.5, null, List.of("NotFound", "Bad")),
                Effect.WRITE, true, ApprovalRequirement.NONE, "ops"), S), d.tool("logs"));
        assertEquals(new ToolDecl("ask_llm", "llm.chat", ToolPolicy.EMPTY, S), d.tool("ask_llm"));
        assertEquals(new ToolPolicy(null, null, null, null, Effect.IRREVERSIBLE, false, ApprovalRequirement.REQUIRED,
                null), d.tool("flaky").policy());
    }

    @Test
    void budgetBlock() {
        assertEquals(new Budget(20, 100, Duration.ofHours(24), new BigDecimal("5.5"), S),
                Plans.body("budget { tool_calls 20  steps 100  duration 24h  cost 5.50 }").budget());
        assertTrue(Plans.parse("agent x").budget().isUnlimited());
    }

    @Test
    void outputBlock() {
        AgentDefinition d = Plans.body("output { ticket: issue.body.key, ok: true \"content-type\": \"x\" }");
        Map<String, Expr> expected = new LinkedHashMap<>();
        expected.put("ticket", path("issue", "body", "key"));
        expected.put("ok", new Expr.BooleanLiteral(true, S));
        expected.put("content-type", str("x"));
        assertEquals(expected, d.output());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(d.output().keySet()));
    }

    @Test
    void callStepWithBindKeyAndUndo() {
        Step s = only("issue = ticket(method: \"POST\", body: {title: \"t\"},) key \"k-${input.id}\" "
                + "undo ticket(method: \"DELETE\")");
        assertEquals(new Step.CallStep("issue",
                call("ticket", "method", str("POST"), "body", new Expr.ObjectExpr(Map.of("title", str("t")), S)),
                new Expr.TemplateExpr(List.of(str("k-"), path("input", "id")), S),
                call("ticket", "method", str("DELETE")), S), s);
        assertEquals(new Step.CallStep(null, call("restart"), null, null, S), only("restart()"));
    }

    @Test
    void ifStepWithElseIfAndElse() {
        Step s = only("if a == 1 { x = t() } else if b { wait 1s } else { fail \"no\" }");
        Expr cond = new Expr.BinaryExpr(Expr.BinaryOp.EQ, path("a"), num(1), S);
        assertEquals(new Step.IfStep(List.of(
                new Step.Branch(cond, List.of(new Step.CallStep("x", call("t"), null, null, S)), S),
                new Step.Branch(path("b"), List.of(new Step.WaitStep(Duration.ofSeconds(1), S)), S)),
                List.of(new Step.FailStep(str("no"), S)), S), s);
        assertEquals(List.of(), ((Step.IfStep) only("if a { }")).otherwise());
    }

    @Test
    void forEachSequentialAndParallel() {
        assertEquals(new Step.ForEachStep("url", path("links"), null, List.of(), S), only("for each url in links { }"));
        Step.ForEachStep p = (Step.ForEachStep) only("for each url in e.body.links parallel 4 { page = logs(url: url) }");
        assertEquals(4, p.maxConcurrency());
        assertEquals(path("e", "body", "links"), p.items());
        assertEquals(1, p.body().size());
    }

    @Test
    void whileLoop() {
        Step s = only("while length(pending) > 0 max 50 { set pending = [] }");
        assertEquals(new Step.WhileStep(
                new Expr.BinaryExpr(Expr.BinaryOp.GT, new Expr.FunctionCall("length", List.of(path("pending")), S),
                        num(0), S),
                50, List.of(new Step.SetStep("pending", new Expr.ListExpr(List.of(), S), S)), S), s);
        assertNull(((Step.WhileStep) only("while x { }")).maxIterations());
    }

    @Test
    void parallelAllAndFirst() {
        Step s = only("results = parallel first { lane a { r = logs(url: \"a\") } lane b { } }");
        assertEquals(new Step.ParallelStep("results", Step.JoinMode.FIRST, List.of(
                new Step.Lane("a", List.of(new Step.CallStep("r", call("logs", "url", str("a")), null, null, S)), S),
                new Step.Lane("b", List.of(), S)), S), s);
        assertEquals(Step.JoinMode.ALL, ((Step.ParallelStep) only("parallel { lane a { } }")).mode());
        assertEquals(Step.JoinMode.ALL, ((Step.ParallelStep) only("parallel all { lane a { } }")).mode());
    }

    @Test
    void waitWithCompoundDurations() {
        assertEquals(new Step.WaitStep(Duration.ofMinutes(90), S), only("wait 1h30m"));
        assertEquals(new Step.WaitStep(Duration.ofMillis(1500), S), only("wait 1s500ms"));
        assertEquals(new Step.WaitStep(Duration.ofDays(2), S), only("wait 2d"));
    }

    @Test
    void awaitSignal() {
        assertEquals(new Step.AwaitSignalStep("ci", "ci_finished", Duration.ofHours(2), Step.SignalTimeout.CONTINUE, S),
                only("ci = await signal \"ci_finished\" { timeout 2h  on_timeout continue }"));
        assertEquals(new Step.AwaitSignalStep(null, "go", null, null, S), only("await signal \"go\""));
    }

    @Test
    void approve() {
        assertEquals(new Step.ApproveStep("ok", new Expr.TemplateExpr(List.of(str("Restart "), path("input", "s"),
                        str("?")), S), List.of("alice", "bob"), Duration.ofHours(4), Step.ApprovalTimeout.REJECT, S),
                only("approve ok { ask \"Restart ${input.s}?\"  approvers [\"alice\", \"bob\"]  timeout 4h"
                        + "  on_timeout reject }"));
        Step.ApproveStep bare = (Step.ApproveStep) only("approve go { }");
        assertEquals(Step.ApprovalTimeout.FAIL, bare.onTimeout());
        assertEquals(List.of(), bare.approvers());
    }

    @Test
    void setStep() {
        assertEquals(new Step.SetStep("x", new Expr.NullLiteral(S), S), only("set x = null"));
    }

    @Test
    void tryCatchFinally() {
        Step s = only("try { x = logs(url: \"u\") } catch HttpError, Timeout as err { set x = null }"
                + " catch { } finally { wait 1s }");
        assertEquals(new Step.TryStep(
                List.of(new Step.CallStep("x", call("logs", "url", str("u")), null, null, S)),
                List.of(new Step.Catch(List.of("HttpError", "Timeout"), "err",
                                List.of(new Step.SetStep("x", new Expr.NullLiteral(S), S)), S),
                        new Step.Catch(List.of(), null, List.of(), S)),
                List.of(new Step.WaitStep(Duration.ofSeconds(1), S)), S), s);
        Step.TryStep onlyVariable = (Step.TryStep) only("try { } catch as e { }");
        assertEquals(new Step.Catch(List.of(), "e", List.of(), S), onlyVariable.catches().get(0));
    }

    @Test
    void failStep() {
        assertEquals(new Step.FailStep(new Expr.TemplateExpr(List.of(str("bad: "), path("x")), S), S),
                only("fail \"bad: ${x}\""));
    }

    @Test
    void runAgent() {
        assertEquals(new Step.RunAgentStep("report", "research", "prod", Map.of("topic", path("input", "s")), S),
                only("report = run research@prod(topic: input.s)"));
        assertEquals(new Step.RunAgentStep(null, "other", "3", Map.of(), S), only("run other@3()"));
        assertEquals(new Step.RunAgentStep(null, "other", null, Map.of(), S), only("run other()"));
    }

    @Test
    void softKeywordsAreNames() {
        Step s = only("max = timeout(key: each.in, retry: lane[first])");
        assertEquals(new Step.CallStep("max", call("timeout", "key", path("each", "in"),
                "retry", new Expr.PathExpr("lane", List.of(new Expr.Index(path("first"))), S)), null, null, S), s);
    }

    @Test
    void softKeywordsAtStatementStartsAreResolvedByLookahead() {
        List<Step> steps = Plans.body("x = t() key k\nundo = f()\nkey = g() undo h()\nmax = run r()").steps();
        assertEquals(List.of(
                new Step.CallStep("x", call("t"), path("k"), null, S),
                new Step.CallStep("undo", call("f"), null, null, S),
                new Step.CallStep("key", call("g"), null, call("h"), S),
                new Step.RunAgentStep("max", "r", null, Map.of(), S)), steps);
    }

    @Test
    void newlinesAreWhiteSpace() {
        AgentDefinition one = Plans.body("x = t(a: 1, b: 2) y = t(a: 3)");
        AgentDefinition many = Plans.body("x =\n t(\n a: 1,\n b: 2\n )\ny\n=\nt(a:\n3)");
        assertEquals(one, many);
    }

    @Test
    void everyNodeHasASpan() {
        AgentDefinition d = Plans.parse(Plans.resource("incident_triage.agent"));
        assertEquals(2, d.span().line());
        dev.agentplan.model.StepPaths.index(d.steps()).forEach((path, step) -> {
            assertTrue(step.span().isKnown(), path);
            assertEquals("test.agent", step.span().file());
        });
        Step.CallStep first = (Step.CallStep) d.steps().get(0);
        assertEquals(new SourceSpan("test.agent", 11, 1, 11, 85, ""), first.span());
        Expr url = first.call().args().get("url");
        assertEquals(11, url.span().line());
        assertEquals(22, url.span().column());
        assertEquals(3, d.inputs().get(0).span().line());
        assertEquals(6, d.tools().get(0).span().line());
        assertEquals(10, d.budget().span().line());
        assertTrue(d.output().get("ok").span().isKnown());
    }
}
